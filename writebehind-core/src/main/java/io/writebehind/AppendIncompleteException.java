package io.writebehind;

/**
 * Some events of {@link Events#appendAll} were appended and others were not: each
 * partition's share is one atomic step, and one share failed.
 */
public final class AppendIncompleteException extends WriteBehindException {
  private final long[] ids;

  public AppendIncompleteException(String message, long[] ids, Throwable cause) {
    super(message, cause);
    this.ids = ids.clone();
  }

  /**
   * The ids in the order the events were given, {@code 0} for an event not appended (or
   * whose outcome is unknown, when {@link #getCause()} is a {@link WriteOutcomeUnknownException}).
   */
  public long[] ids() {
    return ids.clone();
  }
}
