package io.writebehind.cli.chaos;

import io.writebehind.Counters;
import io.writebehind.flights.FlightStats;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import javax.sql.DataSource;

/**
 * The end of a views chaos run: each flight's flight_stats.views against its views before the
 * run plus its acknowledged increments, in deltas. Below is lost; above is double-applied,
 * except as many as the flight's increments that failed in doubt (they may have been
 * counted). The cached total must equal the database's.
 */
final class ViewCheck {
  record Outcome(long checked, long lost, long doubleApplied, long inDoubtCounted, long cacheDiffers, List<String> details) {}

  private ViewCheck() {}

  /** Views of flights 1..K before the writers start. */
  static Map<Long, Long> before(DataSource dataSource, int keys) throws SQLException {
    return FlightStats.views(dataSource, ids(keys));
  }

  static Outcome run(DataSource dataSource, int keys, Counters<Long> counters, Map<Long, Long> before, ViewWriters writing)
      throws SQLException {
    Map<Long, Long> db = FlightStats.views(dataSource, ids(keys));
    long lost = 0;
    long doubled = 0;
    long counted = 0;
    long cacheDiffers = 0;
    List<String> details = new ArrayList<>();
    for (int id = 1; id <= keys; id++) {
      long acked = writing.acknowledged(id);
      long doubt = writing.inDoubt(id);
      long diff = db.get((long) id) - before.get((long) id) - acked;
      String problem = null;
      if (diff < 0) {
        lost += -diff;
        problem = "flight " + id + ": " + -diff + " acknowledged view(s) missing from the database";
      } else if (diff > doubt) {
        doubled += diff - doubt;
        counted += doubt;
        problem = "flight " + id + ": " + (diff - doubt) + " view(s) counted twice (beyond " + doubt + " in doubt)";
      } else {
        counted += diff;
      }
      long cached = counters.get((long) id).get(FlightStats.VIEWS);
      if (problem == null && cached != db.get((long) id)) {
        cacheDiffers++;
        problem = "flight " + id + ": cache holds " + cached + " views, database " + db.get((long) id);
      }
      if (problem != null && details.size() < 20) {
        details.add(problem);
      }
    }
    return new Outcome(keys, lost, doubled, counted, cacheDiffers, details);
  }

  private static List<Long> ids(int keys) {
    return LongStream.rangeClosed(1, keys).boxed().collect(Collectors.toList());
  }
}
