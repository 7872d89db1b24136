package io.writebehind;

/** A write was refused before it reached Valkey: its encoded key is over {@code maxKeyBytes}. */
public class KeyTooLargeException extends SizeLimitException {
  private static final long serialVersionUID = 1L;

  /** A key of {@code size} bytes refused by a limit of {@code limit}. */
  public KeyTooLargeException(int size, int limit) {
    super("key", size, limit, "maxKeyBytes");
  }
}
