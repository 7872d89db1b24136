package io.writebehind.cli;

import io.writebehind.Counters;
import io.writebehind.flights.FlightStats;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code load --workload views}: N increments of views (+1 each) of random flights 1..K from
 * W threads. With an ack log, each acknowledged increment is a line
 * {@code flight_id,delta,total}, written after it returned; the database's flight_stats.views
 * of a flight must end equal to the sum of that flight's deltas in the log.
 */
final class ViewsLoad {
  private final ConnectionOptions connection;
  private final long updates;
  private final int writers;
  private final int keys;
  private final Path ackLog;

  ViewsLoad(ConnectionOptions connection, long updates, int writers, int keys, Path ackLog) {
    this.connection = connection;
    this.updates = updates;
    this.writers = writers;
    this.keys = keys;
    this.ackLog = ackLog;
  }

  int run() throws Exception {
    AckedLoad.validate(updates, writers, keys);
    try (CounterSession cs = CounterSession.open(connection); AckLog log = ackLog == null ? null : new AckLog(ackLog)) {
      Counters<Long> counters = cs.counters();
      AckedLoad.Result r = AckedLoad.run(updates, writers, keys, "increment",
          id -> counters.increment(id, FlightStats.VIEWS, 1),
          (id, total) -> {
            if (log != null) {
              log.incremented(id, 1, total);
            }
          }, CounterSession::storedNothing, "counted");
      var h = r.latency();
      System.out.printf(Locale.ROOT, "%,d increments of views of %,d flights from %d writers in %.2f s: %,.0f/s%n",
          r.acknowledged(), keys, writers, r.seconds(), r.rate());
      System.out.printf(Locale.ROOT, "increment latency p50 %d us, p99 %d us, p99.9 %d us; namespace %s%n",
          h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9),
          cs.namespace());
      return 0;
    }
  }
}
