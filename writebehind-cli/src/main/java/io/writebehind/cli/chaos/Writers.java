package io.writebehind.cli.chaos;

import io.writebehind.WriteBehind;
import io.writebehind.flights.Flight;
import io.writebehind.flights.FlightChange;
import java.io.BufferedWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Writer threads updating flight times through the engine at a steady total rate, each
 * acknowledged write going to the ledger (and to the ack log, as {@code load --ack-log}
 * writes it). A failed write is not acknowledged: the ledger keeps it as in doubt, and the
 * writer carries on after a short pause, as an application would.
 */
final class Writers implements WriterThreads {
  private final WriteBehind<Long, Flight> engine;
  private final Map<Long, Flight> base;
  private final Ledger ledger;
  private final BufferedWriter ackLog;
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicReference<String> lastError = new AtomicReference<>();
  private final String meta = FlightChange.of("chaos", "chaos test").toMeta();
  private volatile boolean running = true;

  Writers(WriteBehind<Long, Flight> engine, Map<Long, Flight> base, Ledger ledger, BufferedWriter ackLog) {
    this.engine = engine;
    this.base = base;
    this.ledger = ledger;
    this.ackLog = ackLog;
  }

  /** {@code ratePerSecond} over all threads; 0 writes as fast as the engine takes them. */
  void start(int count, int keys, long seed, double ratePerSecond) {
    long intervalNanos = ratePerSecond <= 0 ? 0 : (long) (1e9 * count / ratePerSecond);
    for (int w = 0; w < count; w++) {
      Random random = new Random(seed * 31 + w);
      Thread t = new Thread(() -> run(random, keys, intervalNanos), "chaos-writer-" + w);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  private void run(Random random, int keys, long intervalNanos) {
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
      long id = 1 + random.nextInt(keys);
      Flight original = base.get(id);
      // Seconds within ±30 days: practically every write of a key has its own value.
      long shift = random.nextInt(60 * 60 * 24 * 60) - 60 * 60 * 24 * 30;
      Flight changed = original.withTimes(original.departure().plusSeconds(shift), original.arrival().plusSeconds(shift));
      long version;
      try {
        version = engine.put(id, changed, meta);
      } catch (RuntimeException e) {
        ledger.inDoubt(id, changed.departure(), changed.arrival());
        errors.incrementAndGet();
        lastError.set(e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        LockSupport.parkNanos(50_000_000L);
        continue;
      }
      ledger.acknowledged(id, version, changed.departure(), changed.arrival());
      if (ackLog != null) {
        synchronized (ackLog) {
          try {
            ackLog.write(id + "," + version + "," + changed.departure() + "," + changed.arrival() + "\n");
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
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

  @Override
  public long errors() {
    return errors.get();
  }

  @Override
  public String lastError() {
    return lastError.get();
  }
}
