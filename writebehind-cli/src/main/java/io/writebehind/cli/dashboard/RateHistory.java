package io.writebehind.cli.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A namespace's write and drain rates, one sample a second over the last minutes: what the
 * page's chart draws. Rates come from counters that only grow (entries journaled, entries
 * flushed), so a sample is the difference between two readings over the time between them.
 */
final class RateHistory {
  private final int capacity;
  private final long[] seconds;
  private final double[] writes;
  private final double[] drained;
  private int size;
  private int next;

  RateHistory(int capacity) {
    this.capacity = capacity;
    this.seconds = new long[capacity];
    this.writes = new double[capacity];
    this.drained = new double[capacity];
  }

  /** Adds a sample; a negative rate (unknown: a counter that went back) is kept as unknown. */
  synchronized void add(long epochSecond, double writesPerSecond, double drainedPerSecond) {
    seconds[next] = epochSecond;
    writes[next] = writesPerSecond;
    drained[next] = drainedPerSecond;
    next = (next + 1) % capacity;
    size = Math.min(size + 1, capacity);
  }

  /** {@code t} (epoch seconds), {@code writes} and {@code drained} (per second, null when unknown), oldest first. */
  synchronized Map<String, Object> toJson() {
    List<Long> t = new ArrayList<>(size);
    List<Double> w = new ArrayList<>(size);
    List<Double> d = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      int at = (next - size + i + capacity) % capacity;
      t.add(seconds[at]);
      w.add(writes[at] < 0 ? null : round(writes[at]));
      d.add(drained[at] < 0 ? null : round(drained[at]));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("t", t);
    m.put("writes", w);
    m.put("drained", d);
    return m;
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
