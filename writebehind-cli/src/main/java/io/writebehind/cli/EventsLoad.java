package io.writebehind.cli;

import io.writebehind.Events;
import io.writebehind.flights.FlightReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/**
 * {@code load --workload events}: N position reports appended for random flights 1..K from W
 * threads. With an ack log, each acknowledged append is a line {@code event_id,flight_id},
 * written after it returned; once drained, flight_event must hold exactly one row per line,
 * with the ids of the log.
 */
final class EventsLoad {
  private final ConnectionOptions connection;
  private final long updates;
  private final int writers;
  private final int keys;
  private final Path ackLog;

  EventsLoad(ConnectionOptions connection, long updates, int writers, int keys, Path ackLog) {
    this.connection = connection;
    this.updates = updates;
    this.writers = writers;
    this.keys = keys;
    this.ackLog = ackLog;
  }

  int run() throws Exception {
    AckedLoad.validate(updates, writers, keys);
    try (EventSession es = EventSession.open(connection); AckLog log = ackLog == null ? null : new AckLog(ackLog)) {
      Events<Long, FlightReport> events = es.events();
      AckedLoad.Result r = AckedLoad.run(updates, writers, keys, "append",
          id -> events.append(id, FlightReport.airborne(id, Instant.now())),
          (id, eventId) -> {
            if (log != null) {
              log.appended(eventId, id);
            }
          }, EventSession::storedNothing, "stored");
      var h = r.latency();
      System.out.printf(Locale.ROOT, "%,d position reports of %,d flights from %d writers in %.2f s: %,.0f/s%n",
          r.acknowledged(), keys, writers, r.seconds(), r.rate());
      System.out.printf(Locale.ROOT, "append latency p50 %d us, p99 %d us, p99.9 %d us; namespace %s%n",
          h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9),
          es.namespace());
      return 0;
    }
  }
}
