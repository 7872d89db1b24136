package io.writebehind.bench.measure;

import io.writebehind.bench.systems.BenchSystem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/** Threads that write until stopped; each owns its keys, so per-key order is its own. */
final class Writers implements AutoCloseable {
  /** Keys per writer: overwrites stay realistic and no writer runs out of keys. */
  static final long KEYS_PER_WRITER = 10_000;

  private final List<Thread> threads = new ArrayList<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean running = true;

  /** Per writer (8 slots apart, so writers do not share a cache line), acknowledged writes. */
  private final AtomicLongArray counts;
  private final int writers;

  Writers(BenchSystem system, int writers, long keyBase, WriteHook hook) {
    this.writers = writers;
    counts = new AtomicLongArray(writers * 8);
    for (int w = 0; w < writers; w++) {
      final int id = w;
      Thread t = new Thread(() -> {
        long seq = 0;
        try {
          while (running) {
            long key = system.key(keyBase + id * KEYS_PER_WRITER + (seq % KEYS_PER_WRITER));
            seq++;
            long t0 = System.nanoTime();
            system.write(key, seq);
            hook.acked(id, key, seq, t0, System.nanoTime());
            counts.lazySet(id * 8, counts.get(id * 8) + 1);
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      }, "bench-writer-" + w);
      t.setDaemon(true);
      threads.add(t);
    }
  }

  void start() {
    threads.forEach(Thread::start);
  }

  long total() {
    long n = 0;
    for (int w = 0; w < writers; w++) {
      n += counts.get(w * 8);
    }
    return n;
  }

  void check() {
    Throwable e = failure.get();
    if (e != null) {
      throw new IllegalStateException("a writer failed: " + e, e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    for (Thread t : threads) {
      t.join(30_000);
    }
  }

  @FunctionalInterface
  interface WriteHook {
    WriteHook NONE = (writer, key, seq, startNanos, endNanos) -> { };

    void acked(int writer, long key, long seq, long startNanos, long endNanos);
  }
}
