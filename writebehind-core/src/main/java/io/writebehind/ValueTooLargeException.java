package io.writebehind;

/** A write was refused before it reached Valkey: its encoded value is over the configured limit. */
public class ValueTooLargeException extends WriteBehindException {
  private static final long serialVersionUID = 1L;
  /** The encoded value's size in bytes. */
  private final int size;
  /** The configured limit. */
  private final int limit;

  /** A value of {@code size} bytes refused by a limit of {@code limit}. */
  public ValueTooLargeException(int size, int limit) {
    super("value of " + size + " bytes is over the limit of " + limit + " bytes (maxValueBytes)");
    this.size = size;
    this.limit = limit;
  }

  /** The encoded value's size in bytes. */
  public int size() {
    return size;
  }

  /** The limit ({@code maxValueBytes}). */
  public int limit() {
    return limit;
  }
}
