package io.writebehind.bench;

import java.time.Duration;

/**
 * How long and how big each measurement is. Quick trades precision for a run of about a
 * minute; full is what the published figures come from.
 *
 * @param warmup per measurement, before anything is recorded (JIT, connection pools, scripts cached)
 * @param round one timed round; throughput reports the median round, latency all rounds together
 * @param rounds timed rounds per measurement
 * @param drainRows generic rows preloaded for each round of the drain rate (the lower median of
 *     {@code rounds} rounds is reported)
 * @param drainFlights flight changes preloaded for the flights drain rate (on distinct flights)
 * @param originalDrainFlights the original drains one task per transaction: fewer, or it dominates the run
 * @param flights flights loaded into the schema
 * @param window how long the sustained load of the inconsistency window runs
 * @param reads reads per hit and per miss measurement
 * @param killRun how long the child runs before kill -9
 */
public record Plan(
    Duration warmup, Duration round, int rounds, int drainRows, int drainFlights, int originalDrainFlights,
    int flights, Duration window, int reads, Duration killRun) {

  public static Plan quick() {
    return new Plan(Duration.ofMillis(200), Duration.ofMillis(500), 2, 10_000, 2_000, 300,
        10_000, Duration.ofMillis(1500), 300, Duration.ofMillis(1500));
  }

  public static Plan full() {
    // Sized to finish in about ten minutes on two cores with all six systems.
    return new Plan(Duration.ofSeconds(1), Duration.ofSeconds(2), 3, 100_000, 10_000, 1_000,
        50_000, Duration.ofSeconds(8), 5_000, Duration.ofSeconds(4));
  }
}
