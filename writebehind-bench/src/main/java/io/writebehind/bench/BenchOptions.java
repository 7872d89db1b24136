package io.writebehind.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The benchmark's own flags; the CLI adds the connection flags next to them. */
public final class BenchOptions {
  @Option(names = "--quick", description = "Short rounds and small data: about a minute in all (numbers are rougher)")
  public boolean quick;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON to FILE")
  public Path json;

  @Option(names = "--charts", paramLabel = "DIR", description = "Write PNG charts into DIR")
  public Path charts;

  @Option(names = "--systems", paramLabel = "a,b,...", split = ",",
      description = "Systems to run (default: all), reported in this order: "
          + "floor, writebehind, write-through, original, redisson, hazelcast, counters-floor, counters, redisson-counters, "
          + "events-floor, events, events-original; and, only when named, cluster-drain (needs a ?cluster=true Valkey URL)")
  public List<String> systems = new ArrayList<>(SystemNames.ALL);

  @Option(names = "--cluster-drain-writes", paramLabel = "N",
      description = "cluster-drain: writes per drain, 4 versions of each key (default 200000; 20000 with --quick)")
  public Integer clusterDrainWrites;

  @Option(names = "--cluster-drain-processes", paramLabel = "k,...", split = ",",
      description = "cluster-drain: worker process counts, one drain each (default 1,2,4)")
  public List<Integer> clusterDrainProcesses;

  /** The cluster drain's settings from these flags; throws IllegalArgumentException for values out of range. */
  public io.writebehind.bench.cluster.ClusterDrain.Settings clusterDrain() {
    if (clusterDrainWrites != null && (clusterDrainWrites < 400 || clusterDrainWrites > 50_000_000)) {
      throw new IllegalArgumentException("--cluster-drain-writes must be between 400 and 50000000, was " + clusterDrainWrites);
    }
    if (clusterDrainProcesses != null) {
      for (int k : clusterDrainProcesses) {
        if (k < 1 || k > 64) {
          throw new IllegalArgumentException("--cluster-drain-processes: each count must be between 1 and 64, was " + k);
        }
      }
    }
    return io.writebehind.bench.cluster.ClusterDrain.Settings.of(quick, clusterDrainWrites, clusterDrainProcesses);
  }

  /** The systems asked for, validated and in the canonical order (the floor first: ratios need it). */
  public List<String> selectedSystems() {
    List<String> out = new ArrayList<>();
    for (String s : systems) {
      String n = s.trim().toLowerCase(java.util.Locale.ROOT);
      if (!SystemNames.KNOWN.contains(n)) {
        throw new IllegalArgumentException("unknown system '" + s + "'; known: " + String.join(", ", SystemNames.KNOWN));
      }
    }
    for (String n : SystemNames.KNOWN) {
      if (systems.stream().anyMatch(s -> s.trim().equalsIgnoreCase(n))) {
        out.add(n);
      }
    }
    return out;
  }
}
