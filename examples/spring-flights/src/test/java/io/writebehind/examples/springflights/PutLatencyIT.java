package io.writebehind.examples.springflights;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * PUT /flights/{id} (write-behind) against PUT /write-through/flights/{id} (the row upserted
 * in PostgreSQL before the answer), over the same HTTP stack in the same run, in alternating
 * rounds so that a noisy neighbour hits both. Prints p50 and p99 of each.
 */
class PutLatencyIT extends ServiceTestBase {
  private static final int WARMUP = 200;
  private static final int ROUNDS = 3;
  private static final int PER_ROUND = 200;

  @Test
  void writeBehindAgainstWriteThrough() throws Exception {
    long[] behind = new long[ROUNDS * PER_ROUND];
    long[] through = new long[ROUNDS * PER_ROUND];
    run("/flights/", 0, WARMUP, null, 0);
    run("/write-through/flights/", 0, WARMUP, null, 0);
    for (int r = 0; r < ROUNDS; r++) {
      run("/flights/", 1_000_000 + r * PER_ROUND, PER_ROUND, behind, r * PER_ROUND);
      run("/write-through/flights/", 2_000_000 + r * PER_ROUND, PER_ROUND, through, r * PER_ROUND);
    }
    Arrays.sort(behind);
    Arrays.sort(through);
    System.out.printf("PUT latency over HTTP, %d requests each: write-behind p50 %.3f ms p99 %.3f ms; "
        + "write-through p50 %.3f ms p99 %.3f ms; ratio p50 %.2f, p99 %.2f%n", behind.length,
        ms(behind, 0.50), ms(behind, 0.99), ms(through, 0.50), ms(through, 0.99),
        ms(through, 0.50) / ms(behind, 0.50), ms(through, 0.99) / ms(behind, 0.99));
    assertThat(behind[0]).isPositive();
  }

  private void run(String path, long firstId, int n, long[] out, int offset) throws Exception {
    for (int i = 0; i < n; i++) {
      String body = "{\"departure\":\"2025-06-01T10:15:00Z\",\"arrival\":\"2025-06-01T12:" + (10 + i % 50) + ":00Z\"}";
      long t0 = System.nanoTime();
      var res = send("PUT", path + (firstId + i), body);
      long t = System.nanoTime() - t0;
      if (res.statusCode() != 200) {
        throw new AssertionError(path + " answered " + res.statusCode() + ": " + res.body());
      }
      if (out != null) {
        out[offset + i] = t;
      }
    }
  }

  private static double ms(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
  }
}
