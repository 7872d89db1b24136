package io.writebehind.bench.measure;

import io.writebehind.bench.Plan;
import io.writebehind.bench.systems.BenchSystem;
import java.util.Arrays;

/** Acknowledged writes per second with N writer threads: the median of the timed rounds. */
public final class WriteThroughput {
  private WriteThroughput() {}

  public static double run(BenchSystem system, int writers, Plan plan) throws Exception {
    system.phase("tput" + writers);
    double[] rates = new double[plan.rounds()];
    try (Writers w = new Writers(system, writers, 0, Writers.WriteHook.NONE)) {
      w.start();
      Thread.sleep(plan.warmup().toMillis());
      for (int r = 0; r < rates.length; r++) {
        long n0 = w.total();
        long t0 = System.nanoTime();
        Thread.sleep(plan.round().toMillis());
        long n1 = w.total();
        rates[r] = (n1 - n0) / ((System.nanoTime() - t0) / 1e9);
        w.check();
      }
    }
    Arrays.sort(rates);
    return rates[rates.length / 2];
  }
}
