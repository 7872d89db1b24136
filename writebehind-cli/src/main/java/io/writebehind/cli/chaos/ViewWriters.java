package io.writebehind.cli.chaos;

import io.writebehind.Counters;
import io.writebehind.cli.CounterSession;
import io.writebehind.flights.FlightStats;
import java.io.BufferedWriter;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Writer threads adding 1 to views of random flights 1..K at a steady total rate, counting
 * per flight the increments acknowledged (what the database must end with) and those that
 * failed in doubt (sent, no answer: they may have been counted). Each acknowledged one goes
 * to the ack log as {@code load --workload views} writes it: {@code flight_id,delta,total}.
 */
final class ViewWriters extends PacedWriters {
  private final Counters<Long> counters;
  private final AtomicLongArray acknowledged;
  private final AtomicLongArray inDoubt;
  private final AtomicLong total = new AtomicLong();

  ViewWriters(Counters<Long> counters, int keys, BufferedWriter ackLog) {
    super("views", ackLog);
    this.counters = counters;
    this.acknowledged = new AtomicLongArray(keys + 1);
    this.inDoubt = new AtomicLongArray(keys + 1);
  }

  @Override
  String step(Random random) {
    int id = 1 + random.nextInt(acknowledged.length() - 1);
    long newTotal;
    try {
      newTotal = counters.increment((long) id, FlightStats.VIEWS, 1);
    } catch (RuntimeException e) {
      if (!CounterSession.storedNothing(e)) {
        inDoubt.incrementAndGet(id);
      }
      throw e;
    }
    acknowledged.incrementAndGet(id);
    total.incrementAndGet();
    return id + ",1," + newTotal;
  }

  long acknowledged() {
    return total.get();
  }

  long acknowledged(int flightId) {
    return acknowledged.get(flightId);
  }

  long inDoubt(int flightId) {
    return inDoubt.get(flightId);
  }

  long inDoubt() {
    long n = 0;
    for (int i = 0; i < inDoubt.length(); i++) {
      n += inDoubt.get(i);
    }
    return n;
  }
}
