package io.writebehind.bench.measure;

import io.writebehind.bench.Plan;
import io.writebehind.bench.systems.BenchSystem;
import org.HdrHistogram.Histogram;

/** Write latency with one writer: after a warm-up, every write of every round goes into one histogram. */
public final class WriteLatency {
  private WriteLatency() {}

  public static Histogram run(BenchSystem system, Plan plan) throws Exception {
    system.phase("latency");
    Histogram h = new Histogram(60_000_000_000L, 3);
    long seq = 0;
    long end = System.nanoTime() + plan.warmup().toNanos();
    while (System.nanoTime() < end) {
      system.write(system.key(seq % Writers.KEYS_PER_WRITER), ++seq);
    }
    for (int r = 0; r < plan.rounds(); r++) {
      end = System.nanoTime() + plan.round().toNanos();
      long now = System.nanoTime();
      while (now < end) {
        system.write(system.key(seq % Writers.KEYS_PER_WRITER), ++seq);
        long after = System.nanoTime();
        h.recordValue(after - now);
        now = after;
      }
    }
    return h;
  }
}
