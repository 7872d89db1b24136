package io.writebehind.cli.chaos;

import io.writebehind.Events;
import io.writebehind.cli.EventSession;
import io.writebehind.flights.FlightReport;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Writer threads appending position reports of random flights 1..K at a steady total rate,
 * keeping the id of every acknowledged append (what the database must hold once each) and
 * counting those that failed in doubt (sent, no answer: they may be in the journal, and so
 * land without a log line). Each acknowledged one goes to the ack log as
 * {@code load --workload events} writes it: {@code event_id,flight_id}.
 */
public final class EventWriters implements WriterThreads {
  private final Events<Long, FlightReport> events;
  private final int keys;
  private final BufferedWriter ackLog;
  private final Map<Long, Long> acknowledged = new ConcurrentHashMap<>();
  private final AtomicLong inDoubt = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicReference<String> lastError = new AtomicReference<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;

  public EventWriters(Events<Long, FlightReport> events, int keys, BufferedWriter ackLog) {
    this.events = events;
    this.keys = keys;
    this.ackLog = ackLog;
  }

  /** {@code ratePerSecond} over all threads; 0 appends as fast as the events take them. */
  public void start(int count, long seed, double ratePerSecond) {
    long intervalNanos = ratePerSecond <= 0 ? 0 : (long) (1e9 * count / ratePerSecond);
    for (int w = 0; w < count; w++) {
      Random random = new Random(seed * 31 + w);
      Thread t = new Thread(() -> run(random, intervalNanos), "chaos-events-" + w);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  private void run(Random random, long intervalNanos) {
    long next = System.nanoTime();
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
      long flight = 1 + random.nextInt(keys);
      long id;
      try {
        id = events.append(flight, FlightReport.airborne(flight, Instant.now()));
      } catch (RuntimeException e) {
        if (!EventSession.storedNothing(e)) {
          inDoubt.incrementAndGet();
        }
        errors.incrementAndGet();
        lastError.set(e.getClass().getSimpleName() + ": " + EventLog.firstLine(e.getMessage()));
        LockSupport.parkNanos(50_000_000L);
        continue;
      }
      acknowledged.put(id, flight);
      if (ackLog != null) {
        synchronized (ackLog) {
          try {
            ackLog.write(id + "," + flight + "\n");
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

  @Override
  public long errors() {
    return errors.get();
  }

  @Override
  public String lastError() {
    return lastError.get();
  }
}
