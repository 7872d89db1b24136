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
          + "events-floor, events, events-original")
  public List<String> systems = new ArrayList<>(SystemNames.ALL);

  /** The systems asked for, validated and in the canonical order (the floor first: ratios need it). */
  public List<String> selectedSystems() {
    List<String> out = new ArrayList<>();
    for (String s : systems) {
      String n = s.trim().toLowerCase(java.util.Locale.ROOT);
      if (!SystemNames.ALL.contains(n)) {
        throw new IllegalArgumentException("unknown system '" + s + "'; known: " + String.join(", ", SystemNames.ALL));
      }
    }
    for (String n : SystemNames.ALL) {
      if (systems.stream().anyMatch(s -> s.trim().equalsIgnoreCase(n))) {
        out.add(n);
      }
    }
    return out;
  }
}
