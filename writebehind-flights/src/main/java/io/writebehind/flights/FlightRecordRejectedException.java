package io.writebehind.flights;

import io.writebehind.sink.RecordRejectedException;

/**
 * A record the flight sink can never apply, however often it is retried: a delete, a value
 * for another flight than its key, a flight that does not exist, or a change to a column the
 * walkthrough's update does not write. Retrying cannot help; the record belongs in the dead
 * letters, with this message.
 */
public class FlightRecordRejectedException extends RecordRejectedException {
  private static final long serialVersionUID = 1L;

  private final long flightId;

  public FlightRecordRejectedException(long flightId, String message) {
    super("flight " + flightId + ": " + message);
    this.flightId = flightId;
  }

  public long flightId() {
    return flightId;
  }
}
