package io.writebehind;

/** A write was refused before it reached Valkey: its encoded value is over {@code maxValueBytes}. */
public class ValueTooLargeException extends SizeLimitException {
  private static final long serialVersionUID = 1L;

  /** A value of {@code size} bytes refused by a limit of {@code limit}. */
  public ValueTooLargeException(int size, int limit) {
    super("value", size, limit, "maxValueBytes");
  }
}
