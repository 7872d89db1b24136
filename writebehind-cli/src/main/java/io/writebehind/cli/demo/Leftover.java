package io.writebehind.cli.demo;

import io.writebehind.flights.Flight;
import io.writebehind.flights.FlightChange;
import io.writebehind.flights.FlightLogRow;
import io.writebehind.flights.FlightRepository;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * A delay an earlier demo left behind (stopped before step 8, or killed): the flight's newest
 * flight_log row is the demo's delay and the database still has its new times. Then the
 * times to restore are that row's old ones, which the log keeps even across restarts.
 */
final class Leftover {
  static final String USER = "demo";
  static final String DELAY_COMMENT = "Flight delayed by 2 hours due to weather";
  static final String RESTORE_COMMENT = "Original times restored by the demo";

  private Leftover() {}

  static String delayMeta() {
    return FlightChange.of(USER, DELAY_COMMENT).toMeta();
  }

  static String restoreMeta() {
    return FlightChange.of(USER, RESTORE_COMMENT).toMeta();
  }

  /** The flight as it was before the demo's delay, if that delay is still in the database. */
  static Optional<Flight> find(FlightRepository repository, long flightId) throws SQLException {
    Optional<Flight> now = repository.find(flightId);
    if (now.isEmpty()) {
      return Optional.empty();
    }
    List<FlightLogRow> log = repository.log(flightId);
    // The log orders by log_date, which may tie within a second: look for the row that
    // produced the current times rather than trusting the last position.
    for (int i = log.size() - 1; i >= 0; i--) {
      FlightLogRow r = log.get(i);
      boolean producedCurrent = r.departureNew().equals(now.get().departure()) && r.arrivalNew().equals(now.get().arrival());
      if (!producedCurrent) {
        continue;
      }
      boolean demoDelay = USER.equals(r.user()) && r.comment() != null && r.comment().startsWith(DELAY_COMMENT);
      return demoDelay ? Optional.of(now.get().withTimes(r.departureOld(), r.arrivalOld())) : Optional.empty();
    }
    return Optional.empty();
  }
}
