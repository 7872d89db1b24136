package io.writebehind.bench.measure;

import io.writebehind.bench.Plan;
import io.writebehind.bench.systems.BenchSystem;
import java.util.Arrays;
import java.util.List;

/** Acknowledged writes per second with N writer threads: the (lower) median of the timed rounds. */
public final class WriteThroughput {
  private WriteThroughput() {}

  /** One system: its writers run through every round after one warm-up. */
  public static double run(BenchSystem system, int writers, Plan plan) throws Exception {
    system.phase("tput" + writers);
    double[] rates = new double[plan.rounds()];
    try (Writers w = new Writers(system, writers, 0, Writers.WriteHook.NONE)) {
      w.start();
      Thread.sleep(plan.warmup().toMillis());
      for (int r = 0; r < rates.length; r++) {
        rates[r] = round(w, plan);
      }
    }
    return median(rates);
  }

  /**
   * Systems whose figures are compared (ours against its floor): their rounds alternate, in
   * A B, B A order, so both see the machine in the same minute. Measured one after the other,
   * minutes apart, the same two systems' ratio moved from 0.54 to 0.87 between runs on
   * this shared two-core machine. Each round starts its system's writers and warms them up.
   */
  public static double[] interleaved(List<? extends BenchSystem> systems, int writers, Plan plan) throws Exception {
    double[][] rates = new double[systems.size()][plan.rounds()];
    for (BenchSystem s : systems) {
      s.phase("tput" + writers);
    }
    for (int r = 0; r < plan.rounds(); r++) {
      for (int at : RoundOrder.of(systems.size(), r)) {
        try (Writers w = new Writers(systems.get(at), writers, 0, Writers.WriteHook.NONE)) {
          w.start();
          Thread.sleep(plan.warmup().toMillis());
          rates[at][r] = round(w, plan);
        }
      }
    }
    double[] out = new double[systems.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = median(rates[i]);
    }
    return out;
  }

  private static double round(Writers w, Plan plan) throws InterruptedException {
    long n0 = w.total();
    long t0 = System.nanoTime();
    Thread.sleep(plan.round().toMillis());
    long n1 = w.total();
    w.check();
    return (n1 - n0) / ((System.nanoTime() - t0) / 1e9);
  }

  private static double median(double[] rates) {
    return Medians.lower(Arrays.stream(rates).boxed().toList());
  }
}
