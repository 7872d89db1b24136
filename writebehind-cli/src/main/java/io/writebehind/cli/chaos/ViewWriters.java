package io.writebehind.cli.chaos;

import io.writebehind.Counters;
import io.writebehind.cli.CounterSession;
import io.writebehind.flights.FlightStats;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Writer threads adding 1 to views of random flights 1..K at a steady total rate, counting
 * per flight the increments acknowledged (what the database must end with) and those that
 * failed in doubt (sent, no answer: they may have been counted). Each acknowledged one goes
 * to the ack log as {@code load --workload views} writes it: {@code flight_id,delta,total}.
 */
final class ViewWriters implements WriterThreads {
  private final Counters<Long> counters;
  private final BufferedWriter ackLog;
  private final AtomicLongArray acknowledged;
  private final AtomicLongArray inDoubt;
  private final AtomicLong total = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicReference<String> lastError = new AtomicReference<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;

  ViewWriters(Counters<Long> counters, int keys, BufferedWriter ackLog) {
    this.counters = counters;
    this.ackLog = ackLog;
    this.acknowledged = new AtomicLongArray(keys + 1);
    this.inDoubt = new AtomicLongArray(keys + 1);
  }

  /** {@code ratePerSecond} over all threads; 0 increments as fast as the counters take them. */
  void start(int count, long seed, double ratePerSecond) {
    long intervalNanos = ratePerSecond <= 0 ? 0 : (long) (1e9 * count / ratePerSecond);
    for (int w = 0; w < count; w++) {
      Random random = new Random(seed * 31 + w);
      Thread t = new Thread(() -> run(random, intervalNanos), "chaos-views-" + w);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  private void run(Random random, long intervalNanos) {
    long next = System.nanoTime();
    int keys = acknowledged.length() - 1;
    while (running) {
      if (intervalNanos > 0) {
        next += intervalNanos;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        } else if (wait < -1_000_000_000L) {
          next = System.nanoTime(); // after an outage, do not burst to catch up
        }
      }
      int id = 1 + random.nextInt(keys);
      long newTotal;
      try {
        newTotal = counters.increment((long) id, FlightStats.VIEWS, 1);
      } catch (RuntimeException e) {
        if (!CounterSession.storedNothing(e)) {
          inDoubt.incrementAndGet(id);
        }
        errors.incrementAndGet();
        lastError.set(e.getClass().getSimpleName() + ": " + EventLog.firstLine(e.getMessage()));
        LockSupport.parkNanos(50_000_000L);
        continue;
      }
      acknowledged.incrementAndGet(id);
      total.incrementAndGet();
      if (ackLog != null) {
        synchronized (ackLog) {
          try {
            ackLog.write(id + ",1," + newTotal + "\n");
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    }
  }

  @Override
  public void stop() throws InterruptedException {
    running = false;
    for (Thread t : threads) {
      t.join(30_000);
    }
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

  @Override
  public long errors() {
    return errors.get();
  }

  @Override
  public String lastError() {
    return lastError.get();
  }
}
