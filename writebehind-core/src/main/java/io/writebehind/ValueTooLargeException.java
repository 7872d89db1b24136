package io.writebehind;

/** A write was refused before it reached Valkey: its encoded value is over the configured limit. */
public class ValueTooLargeException extends WriteBehindException {
  private static final long serialVersionUID = 1L;
  private final int size;
  private final int limit;

  public ValueTooLargeException(int size, int limit) {
    super("value of " + size + " bytes is over the limit of " + limit + " bytes (maxValueBytes)");
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
