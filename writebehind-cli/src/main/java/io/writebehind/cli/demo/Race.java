package io.writebehind.cli.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writer threads adding 1 to random flights 1..N as fast as they can, until stopped or until
 * {@code maxIncrements} were made, counting per flight the increments that returned
 * (acknowledged) and the ones that failed.
 */
final class Race {
  /** One increment of a flight's views; it throws when it fails. */
  interface Increment {
    void apply(long flightId);
  }

  private final AtomicLongArray acknowledged;
  private final long maxIncrements;
  private final AtomicLong started = new AtomicLong();
  private final AtomicLong total = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<String> lastError = new AtomicReference<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;
  private long t0;
  private long t1;

  Race(int flights, long maxIncrements) {
    this.acknowledged = new AtomicLongArray(flights + 1);
    this.maxIncrements = maxIncrements;
  }

  void start(int writers, Increment increment) {
    t0 = System.nanoTime();
    int flights = acknowledged.length() - 1;
    for (int w = 0; w < writers; w++) {
      Thread t = new Thread(() -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running && started.incrementAndGet() <= maxIncrements) {
          int id = 1 + random.nextInt(flights);
          try {
            increment.apply(id);
          } catch (RuntimeException e) {
            failed.incrementAndGet();
            lastError.set(e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            continue;
          }
          acknowledged.incrementAndGet(id);
          total.incrementAndGet();
        }
      }, "demo-writer-" + w);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  /** Stops the writers after the increment each has in hand. */
  void stop() throws InterruptedException {
    running = false;
    await();
  }

  /** Waits until the writers are done. */
  void await() throws InterruptedException {
    for (Thread t : threads) {
      t.join();
    }
    t1 = System.nanoTime();
  }

  long acknowledged(int flightId) {
    return acknowledged.get(flightId);
  }

  long total() {
    return total.get();
  }

  long failed() {
    return failed.get();
  }

  String lastError() {
    return lastError.get();
  }

  double seconds() {
    return (t1 - t0) / 1e9;
  }
}
