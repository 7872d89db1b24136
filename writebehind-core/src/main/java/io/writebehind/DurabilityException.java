package io.writebehind;

/** The write is stored and journaled, but did not reach the asked replicas or AOF in time. */
public class DurabilityException extends WriteBehindException {
  private static final long serialVersionUID = 1L;

  /** A write stored and journaled, with what it did not reach in time. */
  public DurabilityException(String message) {
    super(message);
  }
}
