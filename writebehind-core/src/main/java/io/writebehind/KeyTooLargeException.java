package io.writebehind;

/** A write was refused before it reached Valkey: its encoded key is over the configured limit. */
public class KeyTooLargeException extends WriteBehindException {
  private static final long serialVersionUID = 1L;
  private final int size;
  private final int limit;

  public KeyTooLargeException(int size, int limit) {
    super("key of " + size + " bytes is over the limit of " + limit + " bytes (maxKeyBytes)");
    this.size = size;
    this.limit = limit;
  }

  public int size() {
    return size;
  }

  public int limit() {
    return limit;
  }
}
