package io.writebehind.bench.report;

import io.writebehind.bench.Bench;
import io.writebehind.bench.Figures;
import io.writebehind.bench.SystemNames;
import io.writebehind.bench.cluster.ClusterDrainFigures;
import io.writebehind.bench.cluster.ClusterDrainReport;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The figures as text: absolute values, ratios to the floor and to ours, the targets, notes. */
public final class ReportTable {
  /** Label, unit, getter, and whether higher is better (for reading the ratios). */
  record Metric(String label, String unit, Function<Figures, Number> get) {}

  static final List<Metric> METRICS = List.of(
      new Metric("write p50", "us", f -> f.writeP50Us),
      new Metric("write p99", "us", f -> f.writeP99Us),
      new Metric("write p99.9", "us", f -> f.writeP999Us),
      new Metric("writes/s, 1 writer", "/s", f -> f.writeOpsPerSec1),
      new Metric("writes/s, 8 writers", "/s", f -> f.writeOpsPerSec8),
      new Metric("writes/s, 64 writers", "/s", f -> f.writeOpsPerSec64),
      new Metric("drain, generic rows", "/s", f -> f.drainRowsPerSec),
      new Metric("drain, flights", "/s", f -> f.drainFlightsPerSec),
      new Metric("window p50", "ms", f -> f.windowP50Ms),
      new Metric("window p99", "ms", f -> f.windowP99Ms),
      new Metric("read hit p50", "us", f -> f.readHitP50Us),
      new Metric("read miss p50", "us", f -> f.readMissP50Us),
      new Metric("lost on worker kill", "", f -> f.lostOnWorkerKill),
      new Metric("deltas lost on kill", "", f -> f.counterLostOnWorkerKill),
      new Metric("deltas doubled on kill", "", f -> f.counterDoubleAppliedOnWorkerKill));

  private static final int LABEL = 24;
  private static final int COL = 14;

  private ReportTable() {}

  public static void print(PrintStream out, Bench.Report report) {
    List<Figures> all = report.systems();
    // the cluster drain's figures are of another kind: a table of their own
    List<Figures> systems = all.stream().filter(f -> !(f instanceof ClusterDrainFigures)).toList();
    Figures floor = find(systems, SystemNames.FLOOR);
    Figures ours = find(systems, SystemNames.WRITEBEHIND);
    out.println();
    out.println("Machine: " + report.machine());
    if (!systems.isEmpty()) {
      table(out, "Figures", systems, m -> f -> format(m.get().apply(f), m.unit()));
    }
    if (floor != null) {
      table(out, "Ratio to the floor (system / floor)", systems, m -> f -> ratio(m.get().apply(f), m.get().apply(floor)));
    }
    if (ours != null) {
      table(out, "Ratio to writebehind (system / writebehind)", systems, m -> f -> ratio(m.get().apply(f), m.get().apply(ours)));
    }
    io.writebehind.bench.events.EventsReport.print(out, systems);
    ClusterDrainReport.print(out, all);
    if (!systems.isEmpty()) {
      out.println();
      out.println("Targets (writebehind):");
      for (Targets.Verdict v : Targets.check(systems)) {
        out.printf(Locale.ROOT, "  %-5s %s%n", v.status(), v.text());
      }
    }
    boolean anyNotes = all.stream().anyMatch(f -> !f.notes.isEmpty());
    if (anyNotes) {
      out.println();
      out.println("Notes:");
      all.forEach(f -> f.notes.forEach(n -> out.println("  " + n)));
    }
    if (systems.isEmpty()) {
      return; // the units and methods below are the common tables'
    }
    out.println();
    out.println("Units: latencies in microseconds (us) or milliseconds (ms), rates per second; '-' = does not apply or not measured.");
    out.println("Writes: floor/writebehind/redisson/hazelcast/write-through write ~100-byte generic rows; original writes flights (GET+SETEX+RPUSH).");
    out.println("Drain: preloaded writes released at once, timed until the database holds them all (floor: one JDBC connection, 1000-row batches);");
    out.println("  generic rows: unrecorded warm-up drains (20,000 rows, then rounds, until twice a round or 3 s), then the lower median of up to three rounds (see the notes);");
    out.println("  flights: the same, in rounds of distinct flights (fewer for the original).");
    out.println("CPU (in the notes): from a drain's start to its end, Valkey's INFO cpu, the PostgreSQL server's processes and");
    out.println("  the bench's JVM, where the floors' loads and ours' workers run: all on the same cores as the drain.");
    out.println("Window: acknowledged -> visible in the database, polled from outside every 2 ms, at half the system's drain rate.");
  }

  private static void table(PrintStream out, String title, List<Figures> systems,
      Function<Metric, Function<Figures, String>> cell) {
    out.println();
    out.println(title);
    StringBuilder head = new StringBuilder(pad("", LABEL));
    for (Figures f : systems) {
      head.append(padLeft(f.name, COL));
    }
    out.println(head);
    out.println("-".repeat(LABEL + COL * systems.size()));
    for (Metric m : METRICS) {
      StringBuilder row = new StringBuilder(pad(m.label(), LABEL));
      Function<Figures, String> c = cell.apply(m);
      for (Figures f : systems) {
        row.append(padLeft(c.apply(f), COL));
      }
      out.println(row);
    }
  }

  static String format(Number n, String unit) {
    if (n == null) {
      return "-";
    }
    double v = n.doubleValue();
    if (n instanceof Long) {
      return Long.toString(n.longValue());
    }
    if (unit.equals("/s")) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (v >= 1000) {
      return String.format(Locale.ROOT, "%,.0f %s", v, unit);
    }
    return String.format(Locale.ROOT, "%.1f %s", v, unit);
  }

  static String ratio(Number a, Number b) {
    if (a == null || b == null || b.doubleValue() == 0) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.2fx", a.doubleValue() / b.doubleValue());
  }

  static Figures find(List<Figures> systems, String name) {
    return systems.stream().filter(f -> f.name.equals(name)).findFirst().orElse(null);
  }

  private static String pad(String s, int w) {
    return s.length() >= w ? s + " " : s + " ".repeat(w - s.length());
  }

  private static String padLeft(String s, int w) {
    return s.length() >= w ? " " + s : " ".repeat(w - s.length()) + s;
  }
}
