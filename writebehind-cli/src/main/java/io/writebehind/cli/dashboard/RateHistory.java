package io.writebehind.cli.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A namespace's write and drain rates, one sample a second over the last minutes: what the
 * page's chart draws. Rates come from totals that only grow (entries journaled, entries
 * flushed), each over the last {@value #WINDOW} samples: workers publish what they flushed
 * with their heartbeat, so a one-second difference would jump between zero and twice the rate.
 */
final class RateHistory {
  private final int capacity;
  private final long[] seconds;
  private final double[] writes;
  private final double[] drained;
  static final int WINDOW = 5;
  private final long[] nanos = new long[WINDOW + 1];
  private final long[] addedTotals = new long[WINDOW + 1];
  private final long[] drainedTotals = new long[WINDOW + 1];
  private int readings;
  private int size;
  private int next;

  RateHistory(int capacity) {
    this.capacity = capacity;
    this.seconds = new long[capacity];
    this.writes = new double[capacity];
    this.drained = new double[capacity];
  }

  /** Adds a reading of the totals ({@code addedTotal} -1 when unknown) and the rates it gives. */
  synchronized void add(long epochSecond, long nanoTime, long addedTotal, long drainedTotal) {
    int at = readings % (WINDOW + 1);
    nanos[at] = nanoTime;
    addedTotals[at] = addedTotal;
    drainedTotals[at] = drainedTotal;
    readings++;
    if (readings < 2) {
      return;
    }
    int from = readings > WINDOW ? readings % (WINDOW + 1) : 0;
    double secs = (nanoTime - nanos[from]) / 1e9;
    add(epochSecond, addedTotal < 0 || addedTotals[from] < 0 ? -1 : (addedTotal - addedTotals[from]) / secs,
        (drainedTotal - drainedTotals[from]) / secs);
  }

  /** Adds a sample; a negative rate (unknown) is kept as unknown. */
  private void add(long epochSecond, double writesPerSecond, double drainedPerSecond) {
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
