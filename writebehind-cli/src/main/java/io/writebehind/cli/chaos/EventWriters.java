package io.writebehind.cli.chaos;

import io.writebehind.Events;
import io.writebehind.cli.EventSession;
import io.writebehind.flights.FlightReport;
import java.io.BufferedWriter;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writer threads appending position reports of random flights 1..K at a steady total rate,
 * keeping the id of every acknowledged append (what the database must hold once each) and
 * counting those that failed in doubt (sent, no answer: they may be in the journal, and so
 * land without a log line). Each acknowledged one goes to the ack log as
 * {@code load --workload events} writes it: {@code event_id,flight_id}.
 */
public final class EventWriters extends PacedWriters {
  private final Events<Long, FlightReport> events;
  private final int keys;
  private final Map<Long, Long> acknowledged = new ConcurrentHashMap<>();
  private final AtomicLong inDoubt = new AtomicLong();

  public EventWriters(Events<Long, FlightReport> events, int keys, BufferedWriter ackLog) {
    super("events", ackLog);
    this.events = events;
    this.keys = keys;
  }

  @Override
  String step(Random random) {
    long flight = 1 + random.nextInt(keys);
    long id;
    try {
      id = events.append(flight, FlightReport.airborne(flight, Instant.now()));
    } catch (RuntimeException e) {
      if (!EventSession.storedNothing(e)) {
        inDoubt.incrementAndGet();
      }
      throw e;
    }
    acknowledged.put(id, flight);
    return id + "," + flight;
  }

  public long acknowledged() {
    return acknowledged.size();
  }

  /** event id -> flight of every acknowledged append. */
  public Map<Long, Long> acknowledgedIds() {
    return acknowledged;
  }

  public long inDoubt() {
    return inDoubt.get();
  }
}
