package io.writebehind;

/**
 * A counter that was not cached could not be read from the database, so its total is not
 * known; nothing was stored, and the call may be retried.
 */
public class CounterLoadException extends WriteBehindException {
  private static final long serialVersionUID = 1L;

  /** The failure, with the database's error as its cause. */
  public CounterLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
