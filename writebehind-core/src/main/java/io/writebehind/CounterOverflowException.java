package io.writebehind;

/** An increment would take a total out of the counters' range, +-(2^53 - 1); nothing was stored. */
public class CounterOverflowException extends WriteBehindException {
  private static final long serialVersionUID = 1L;

  /** The refusal, naming the field and the total it would have reached. */
  public CounterOverflowException(String message) {
    super(message);
  }
}
