package io.writebehind;

/** A write was refused before it reached Valkey: its encoded key is over the configured limit. */
public class KeyTooLargeException extends WriteBehindException {
  private static final long serialVersionUID = 1L;
  /** The encoded key's size in bytes. */
  private final int size;
  /** The configured limit. */
  private final int limit;

  /** A key of {@code size} bytes refused by a limit of {@code limit}. */
  public KeyTooLargeException(int size, int limit) {
    super("key of " + size + " bytes is over the limit of " + limit + " bytes (maxKeyBytes)");
    this.size = size;
    this.limit = limit;
  }

  /** The encoded key's size in bytes. */
  public int size() {
    return size;
  }

  /** The limit ({@code maxKeyBytes}). */
  public int limit() {
    return limit;
  }
}
