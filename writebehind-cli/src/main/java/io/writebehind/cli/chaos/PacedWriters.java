package io.writebehind.cli.chaos;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Writer threads at a steady total rate, each step one write of a workload; a failed step is
 * counted (with its reason) and followed by a short pause, an acknowledged one may go to the
 * ack log, a line at a time.
 */
abstract class PacedWriters implements WriterThreads {
  private final String name;
  private final BufferedWriter ackLog;
  private final AtomicLong errors = new AtomicLong();
  private final AtomicReference<String> lastError = new AtomicReference<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;

  PacedWriters(String name, BufferedWriter ackLog) {
    this.name = name;
    this.ackLog = ackLog;
  }

  /**
   * One write; returns its ack-log line (without the newline). Throws when it was not
   * acknowledged, after counting it in doubt if it may have been stored.
   */
  abstract String step(Random random);

  /** {@code ratePerSecond} over all threads; 0 writes as fast as the store takes them. */
  public void start(int count, long seed, double ratePerSecond) {
    long intervalNanos = ratePerSecond <= 0 ? 0 : (long) (1e9 * count / ratePerSecond);
    for (int w = 0; w < count; w++) {
      Random random = new Random(seed * 31 + w);
      Thread t = new Thread(() -> run(random, intervalNanos), "chaos-" + name + "-" + w);
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
      String line;
      try {
        line = step(random);
      } catch (RuntimeException e) {
        errors.incrementAndGet();
        lastError.set(e.getClass().getSimpleName() + ": " + EventLog.firstLine(e.getMessage()));
        LockSupport.parkNanos(50_000_000L);
        continue;
      }
      if (ackLog != null) {
        synchronized (ackLog) {
          try {
            ackLog.write(line + "\n");
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

  @Override
  public long errors() {
    return errors.get();
  }

  @Override
  public String lastError() {
    return lastError.get();
  }
}
