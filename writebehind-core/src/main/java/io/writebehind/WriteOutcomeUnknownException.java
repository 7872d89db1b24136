package io.writebehind;

/**
 * A write was sent and no answer came in time: it may have been stored and journaled (then
 * it reaches the database like any other) or not. Nothing retries it after this is thrown.
 * Read the key to find out, or write it again: a second write of the same value is harmless.
 */
public class WriteOutcomeUnknownException extends WriteBehindException {
  private static final long serialVersionUID = 1L;

  /** A write without an answer, and the timeout or error that ended the wait. */
  public WriteOutcomeUnknownException(String message, Throwable cause) {
    super(message, cause);
  }
}
