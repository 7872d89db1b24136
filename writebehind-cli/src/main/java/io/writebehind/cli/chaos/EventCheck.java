package io.writebehind.cli.chaos;

import io.writebehind.flights.FlightEvents;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The end of an events chaos run: each acknowledged event id against the rows of flight_event
 * that carry it. None is lost; more than one is doubled. The run's rows are read by id range
 * (from a second before its first acknowledged id to a second after its last), so a doubled
 * event shows whether or not its append was acknowledged; rows there whose ids were never
 * acknowledged are appends that failed in doubt yet landed, reported apart, not as failures.
 */
public final class EventCheck {
  /** A second of ids: the journal's ids are milliseconds times a million plus a sequence. */
  private static final long SECOND = 1_000L * 1_000_000L;

  /** {@code unlogged}: distinct ids in the run's range that were never acknowledged. */
  public record Outcome(long checked, long lost, long duplicated, long unlogged, List<String> details) {}

  private EventCheck() {}

  /** {@code acked}: event id -> flight of every acknowledged append of the run. */
  public static Outcome run(DataSource dataSource, Map<Long, Long> acked) throws SQLException {
    if (acked.isEmpty()) {
      return new Outcome(0, 0, 0, 0, List.of());
    }
    long from = acked.keySet().stream().mapToLong(Long::longValue).min().getAsLong() - SECOND;
    long to = acked.keySet().stream().mapToLong(Long::longValue).max().getAsLong() + SECOND;
    Map<Long, Integer> rows = FlightEvents.rowsPerId(dataSource, from, to);
    long lost = 0;
    long duplicated = 0;
    long unlogged = 0;
    List<String> details = new ArrayList<>();
    for (Map.Entry<Long, Long> e : acked.entrySet()) {
      if (!rows.containsKey(e.getKey())) {
        lost++;
        if (details.size() < 20) {
          details.add("event " + e.getKey() + " of flight " + e.getValue() + ": acknowledged, missing from flight_event");
        }
      }
    }
    for (Map.Entry<Long, Integer> r : rows.entrySet()) {
      if (r.getValue() > 1) {
        duplicated += r.getValue() - 1;
        if (details.size() < 20) {
          details.add("event " + r.getKey() + ": " + r.getValue() + " rows");
        }
      }
      if (!acked.containsKey(r.getKey())) {
        unlogged++;
      }
    }
    return new Outcome(acked.size(), lost, duplicated, unlogged, details);
  }
}
