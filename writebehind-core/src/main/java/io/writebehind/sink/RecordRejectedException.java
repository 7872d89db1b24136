package io.writebehind.sink;

/**
 * A sink's way to say that a record can never be applied (bad data, a constraint it
 * breaks): retrying will not help. The worker isolates such records and moves them to the
 * dead-letter stream, and applies the rest of the batch.
 */
public class RecordRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The record can never be applied, for this reason. */
  public RecordRejectedException(String message) {
    super(message);
  }

  /** The record can never be applied, for this reason and cause. */
  public RecordRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
