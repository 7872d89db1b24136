package io.writebehind.bench.cluster;

import io.writebehind.bench.Figures;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The cluster drain's table (80 columns: up to four process counts side by side) and the JSON's "clusterDrain" object. */
public final class ClusterDrainReport {
  private static final int LABEL = 26;
  private static final int COL = 13;
  /** Columns per table: more process counts go on into a second table. */
  private static final int PER_TABLE = 4;

  private record Row(String label, Function<ClusterDrainFigures.Run, String> cell) {}

  private ClusterDrainReport() {}

  public static ClusterDrainFigures find(List<Figures> systems) {
    return systems.stream().filter(f -> f instanceof ClusterDrainFigures).map(f -> (ClusterDrainFigures) f)
        .findFirst().orElse(null);
  }

  public static void print(PrintStream out, List<Figures> systems) {
    ClusterDrainFigures f = find(systems);
    if (f == null) {
      return;
    }
    out.println();
    out.printf(Locale.ROOT, "Cluster drain: %d Valkey nodes (%d primaries), %d partitions,%n", f.valkeyNodes,
        f.valkeyPrimaries, f.partitions);
    out.printf(Locale.ROOT, "  %,d writes (%,d keys x %d versions) queued, then drained by K processes%n", f.writes,
        f.keys, ClusterDrain.VERSIONS);
    if (f.runs.isEmpty()) {
      out.println("  not measured (see the notes)");
      return;
    }
    ClusterDrainFigures.Run basis = f.runs.get(0);
    List<Row> rows = List.of(
        new Row("writes drained/s", r -> String.format(Locale.ROOT, "%,.0f", r.writesPerSec())),
        new Row("ratio to " + processes(basis.processes()), r -> String.format(Locale.ROOT, "%.2fx",
            r.writesPerSec() / basis.writesPerSec())),
        new Row("drain seconds", r -> String.format(Locale.ROOT, "%.1f", r.seconds())),
        new Row("leases per process", r -> r.leases().values().stream().map(String::valueOf).collect(Collectors.joining("/"))),
        new Row("leases even after (s)", r -> r.evenAfterSeconds() == null ? "never"
            : String.format(Locale.ROOT, "%.1f", r.evenAfterSeconds())),
        new Row("writes per process (%)", r -> shares(r, f.writes)),
        new Row("writes applied again", r -> Long.toString(r.reapplied(f.writes))),
        new Row("keys not at last version", r -> Long.toString(r.keysBehind())),
        new Row("row updates checked", r -> String.format(Locale.ROOT, "%,d", r.updates())),
        new Row("version regressions", r -> Long.toString(r.regressions())),
        new Row("CPU s/100k: Valkey", r -> cpu(r, ClusterDrainFigures.VALKEY)),
        new Row("  PostgreSQL backends", r -> cpu(r, ClusterDrainFigures.POSTGRES_BACKENDS)),
        new Row("  PostgreSQL server (all)", r -> cpu(r, ClusterDrainFigures.POSTGRES_SERVER)),
        new Row("  worker processes", r -> cpu(r, ClusterDrainFigures.WORKERS)),
        new Row("  Valkey+backends+workers", r -> total(r) == null ? "-" : String.format(Locale.ROOT, "%.2f", total(r))));
    for (int from = 0; from < f.runs.size(); from += PER_TABLE) {
      List<ClusterDrainFigures.Run> runs = f.runs.subList(from, Math.min(f.runs.size(), from + PER_TABLE));
      StringBuilder head = new StringBuilder(" ".repeat(LABEL));
      runs.forEach(r -> head.append(padLeft(processes(r.processes()), COL)));
      out.println(head);
      out.println("-".repeat(head.length()));
      for (Row row : rows) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + LABEL + "s", row.label()));
        runs.forEach(r -> line.append(padLeft(row.cell().apply(r), COL)));
        out.println(line);
      }
    }
    boolean ordered = f.runs.stream().allMatch(r -> r.keysBehind() == 0 && r.regressions() == 0);
    boolean even = f.runs.stream().allMatch(ClusterDrainFigures.Run::leasesEven);
    out.printf(Locale.ROOT, "  %-5s per-key order: every key at its last version, none went back%n", ordered ? "PASS" : "MISS");
    out.printf(Locale.ROOT, "  %-5s leases spread evenly over the processes after the drain%n", even ? "PASS" : "MISS");
    out.println("CPU: seconds (user + system) per 100,000 writes, drain start to end.");
    out.println("  Valkey: INFO cpu of every node. Backends: the postgres processes serving the");
    out.println("  workers' connections. Server (all): every postgres process, others' too.");
    out.println("  Workers: the child JVMs. 100,000 / a figure = its writes/s per core.");
    out.println("Applied again: a batch in flight when its partition moved, applied once more by");
    out.println("  the new owner (at least once; the version guard keeps the newer row).");
  }

  private static String processes(int k) {
    return k == 1 ? "1 process" : k + " processes";
  }

  private static String shares(ClusterDrainFigures.Run r, int writes) {
    if (r.flushed().isEmpty()) {
      return "-";
    }
    return r.flushed().values().stream().map(n -> String.format(Locale.ROOT, "%.0f", 100.0 * n / writes))
        .collect(Collectors.joining("/"));
  }

  private static String cpu(ClusterDrainFigures.Run r, String component) {
    Double v = r.cpuPer100k().get(component);
    return v == null ? "-" : String.format(Locale.ROOT, "%.2f", v);
  }

  /** Valkey, the workers' backends and the workers: the drain's own cost, without other clients of the database. */
  static Double total(ClusterDrainFigures.Run r) {
    Map<String, Double> c = r.cpuPer100k();
    Double v = c.get(ClusterDrainFigures.VALKEY);
    Double b = c.get(ClusterDrainFigures.POSTGRES_BACKENDS);
    Double w = c.get(ClusterDrainFigures.WORKERS);
    return v == null || b == null || w == null ? null : v + b + w;
  }

  private static String padLeft(String s, int w) {
    return s.length() >= w ? " " + s : " ".repeat(w - s.length()) + s;
  }

  public static void json(Map<String, Object> root, List<Figures> systems) {
    ClusterDrainFigures f = find(systems);
    if (f == null) {
      return;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("valkeyNodes", f.valkeyNodes);
    m.put("valkeyPrimaries", f.valkeyPrimaries);
    m.put("partitions", f.partitions);
    m.put("writes", f.writes);
    m.put("keys", f.keys);
    m.put("versionsPerKey", ClusterDrain.VERSIONS);
    List<Map<String, Object>> runs = new ArrayList<>();
    double basis = f.runs.isEmpty() ? 0 : f.runs.get(0).writesPerSec();
    for (ClusterDrainFigures.Run r : f.runs) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("processes", r.processes());
      one.put("writesPerSec", r.writesPerSec());
      one.put("ratioToFirst", r.writesPerSec() / basis);
      one.put("seconds", r.seconds());
      one.put("leasesPerProcess", r.leases());
      one.put("leasesEven", r.leasesEven());
      one.put("leasesEvenAfterSeconds", r.evenAfterSeconds());
      one.put("writesFlushedPerProcess", r.flushed());
      one.put("writesReappliedAfterHandover", r.reapplied(f.writes));
      one.put("keysNotAtLastVersion", r.keysBehind());
      one.put("rowUpdatesChecked", r.updates());
      one.put("versionRegressions", r.regressions());
      one.put("cpuSecondsPer100kWrites", r.cpuPer100k());
      one.put("postgresBackendsRead", r.backends());
      runs.add(one);
    }
    m.put("runs", runs);
    m.put("notes", f.notes);
    root.put("clusterDrain", m);
  }
}
