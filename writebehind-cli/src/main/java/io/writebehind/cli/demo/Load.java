package io.writebehind.cli.demo;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Optional;

/** Says so when the machine is busy, since every latency shown then includes waiting for a CPU. */
final class Load {
  private Load() {}

  static Optional<String> note() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    int cpus = Runtime.getRuntime().availableProcessors();
    if (load <= cpus) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT,
        "This machine is busy (load average %.1f on %d CPUs): the latencies above include waiting for a CPU.", load, cpus));
  }
}
