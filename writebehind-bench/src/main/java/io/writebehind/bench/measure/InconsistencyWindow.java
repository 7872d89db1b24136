package io.writebehind.bench.measure;

import io.writebehind.bench.Db;
import io.writebehind.bench.Fixture;
import io.writebehind.bench.systems.BenchSystem;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * How long an acknowledged write stays out of the database, under a steady load of
 * {@code rate} writes per second. Every write is of a new key; a poller asks the database
 * every few milliseconds which acknowledged keys it holds now, from outside the system, the
 * same way for every system. A key first seen by the poll that started at {@code s}, after
 * one that started at {@code p} did not see it, committed between the two: the midpoint is
 * taken (never earlier than its acknowledgement), so the resolution is one poll.
 */
public final class InconsistencyWindow {
  private static final int MAX_WRITERS = 16;
  private static final long POLL_NANOS = 2_000_000;

  private InconsistencyWindow() {}

  /** p50/p99 in ms, the achieved rate, and per write (seconds since start, window ms). */
  public record Result(double p50Ms, double p99Ms, double achievedRate, List<double[]> overTime, long unseen) {}

  public static Result run(BenchSystem system, Fixture fixture, double rate, long durationMillis, long keyBase)
      throws Exception {
    system.phase("window");
    system.startDrain();
    int writers = (int) Math.max(1, Math.min(MAX_WRITERS, rate / 100));
    double intervalNanos = writers * 1e9 / rate;
    ConcurrentLinkedQueue<long[]> acked = new ConcurrentLinkedQueue<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long start = System.nanoTime();
    long end = start + durationMillis * 1_000_000L;
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      final int id = w;
      Thread t = new Thread(() -> {
        long j = 0;
        double next = start + id * intervalNanos / writers;
        try {
          while (true) {
            long now = System.nanoTime();
            if (now >= end) {
              return;
            }
            if (now < next) {
              long wait = (long) next - now;
              Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
              continue;
            }
            long key = system.key(keyBase + j * writers + id);
            system.write(key, 1);
            acked.add(new long[] {key, System.nanoTime()});
            j++;
            next += intervalNanos;
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      }, "bench-window-" + w);
      t.setDaemon(true);
      threads.add(t);
    }
    threads.forEach(Thread::start);

    // Up to two minutes: a write may wait out the whole load and then the 60 s of grace.
    Histogram h = new Histogram(120_000_000_000L, 3);
    List<double[]> series = new ArrayList<>();
    Map<Long, Long> outstanding = new HashMap<>();
    long total = 0;
    long prevPoll = start;
    long giveUp = Long.MAX_VALUE;
    String sql = system.committedKeysSql();
    try (Connection c = fixture.admin().getConnection()) {
      while (true) {
        long[] a;
        while ((a = acked.poll()) != null) {
          outstanding.put(a[0], a[1]);
          total++;
        }
        boolean writing = threads.stream().anyMatch(Thread::isAlive);
        if (!writing && giveUp == Long.MAX_VALUE) {
          giveUp = System.nanoTime() + 60_000_000_000L;
        }
        if (!writing && acked.isEmpty() && outstanding.isEmpty()) {
          break;
        }
        if (System.nanoTime() > giveUp) {
          break;
        }
        long pollStart = System.nanoTime();
        if (!outstanding.isEmpty()) {
          Set<Long> seen = Db.present(c, sql, new ArrayList<>(outstanding.keySet()));
          for (Long key : seen) {
            long ack = outstanding.remove(key);
            long committed = (Math.max(prevPoll, ack) + pollStart) / 2;
            long window = Math.max(0, committed - ack);
            h.recordValue(window);
            series.add(new double[] {(ack - start) / 1e9, window / 1e6});
          }
        }
        prevPoll = pollStart;
        long sleep = POLL_NANOS - (System.nanoTime() - pollStart);
        if (sleep > 0) {
          Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
        }
      }
    }
    if (failure.get() != null) {
      throw new IllegalStateException("a writer failed: " + failure.get(), failure.get());
    }
    double achieved = total / (durationMillis / 1e3);
    system.phase("after-window");
    return new Result(h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6, achieved, series,
        outstanding.size());
  }
}
