package io.writebehind.bench.events;

import io.writebehind.bench.Figures;
import io.writebehind.bench.SystemNames;
import io.writebehind.bench.report.Targets;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The events' figures: a table of their own, their targets, and the JSON's "events" object. */
public final class EventsReport {
  private record Row(String label, Function<EventFigures, Double> get) {}

  private static final List<Row> ROWS = List.of(
      new Row("append p50 (us)", f -> f.writeP50Us),
      new Row("appends/s, 1 producer", f -> f.writeOpsPerSec1),
      new Row("appends/s, 8 producers", f -> f.writeOpsPerSec8),
      new Row("appends/s, 64 producers", f -> f.writeOpsPerSec64),
      new Row("appends/s, batched", f -> f.appendBatchedOpsPerSec),
      new Row("ingest rows/s (worker)", f -> f.ingest.get(EventFigures.INGEST)),
      new Row("COPY text rows/s", f -> f.ingest.get(EventFigures.COPY)),
      new Row("COPY binary rows/s", f -> f.ingest.get(EventFigures.BINARY_COPY)),
      new Row("COPY per worker batch rows/s", f -> f.ingest.get(EventFigures.COPY_PER_BATCH)),
      new Row("INSERT batch rows/s", f -> f.ingest.get(EventFigures.INSERT)),
      new Row("multi-row INSERT rows/s", f -> f.ingest.get(EventFigures.MULTI_ROW_INSERT)),
      new Row("LOAD DATA rows/s", f -> f.ingest.get(EventFigures.LOAD_DATA)));

  private EventsReport() {}

  private static EventFigures find(List<Figures> systems, String name) {
    return systems.stream().filter(f -> f.name.equals(name) && f instanceof EventFigures).map(f -> (EventFigures) f)
        .findFirst().orElse(null);
  }

  /** The table, when any events system ran. */
  public static void print(PrintStream out, List<Figures> systems) {
    List<EventFigures> ran = systems.stream().filter(f -> f instanceof EventFigures).map(f -> (EventFigures) f).toList();
    if (ran.isEmpty()) {
      return;
    }
    out.println();
    out.printf(Locale.ROOT, "Events (batched: appendAll of %d, %d producers; ingest: a prepared backlog, one transaction per bare load)%n",
        EventFigures.BATCH, EventFigures.BATCH_PRODUCERS);
    StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-26s", ""));
    ran.forEach(f -> head.append(String.format(Locale.ROOT, "%16s", f.name)));
    out.println(head);
    out.println("-".repeat(head.length()));
    for (Row r : ROWS) {
      if (ran.stream().allMatch(f -> r.get().apply(f) == null)) {
        continue;
      }
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-26s", r.label()));
      for (EventFigures f : ran) {
        Double v = r.get().apply(f);
        line.append(String.format(Locale.ROOT, "%16s", v == null ? "-"
            : v < 1000 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%,.0f", v)));
      }
      out.println(line);
    }
    EventFigures floor = find(systems, SystemNames.EVENTS_FLOOR);
    if (floor != null) {
      ratio(out, "binary / text COPY (bare)", floor.ingest.get(EventFigures.BINARY_COPY), floor.ingest.get(EventFigures.COPY));
      ratio(out, "LOAD DATA / multi-row INSERT (bare)", floor.ingest.get(EventFigures.LOAD_DATA),
          floor.ingest.get(EventFigures.MULTI_ROW_INSERT));
    }
  }

  private static void ratio(PrintStream out, String label, Double a, Double b) {
    if (a != null && b != null && b > 0) {
      out.printf(Locale.ROOT, "  %s: %.2fx%n", label, a / b);
    }
  }

  /** Ours against the floor measured in the same run. */
  public static void targets(List<Figures> systems, List<Targets.Verdict> out) {
    EventFigures ours = find(systems, SystemNames.EVENTS);
    if (ours == null) {
      return;
    }
    EventFigures floor = find(systems, SystemNames.EVENTS_FLOOR);
    out.add(Targets.ratio("events: ingest >= 70% of bare COPY (PostgreSQL)", ours.ingest.get(EventFigures.INGEST),
        floor == null ? null : floor.ingest.get(EventFigures.COPY), r -> r >= 0.7));
    out.add(Targets.ratio("events: batched appends >= 70% of the bare pipelined script", ours.appendBatchedOpsPerSec,
        floor == null ? null : floor.appendBatchedOpsPerSec, r -> r >= 0.7));
    if (ours.ingestLostOnWorkerKill != null) {
      out.add(new Targets.Verdict(ours.ingestLostOnWorkerKill == 0 && ours.ingestDuplicatedOnWorkerKill == 0 ? "PASS" : "MISS",
          "events: 0 lost and 0 duplicated on kill -9: " + ours.ingestLostOnWorkerKill + " lost, "
              + ours.ingestDuplicatedOnWorkerKill + " duplicated"));
    }
  }

  /** Ours under the names, the floor's and the original's beside them with the system in front. */
  public static void json(Map<String, Object> root, List<Figures> systems) {
    EventFigures ours = find(systems, SystemNames.EVENTS);
    EventFigures floor = find(systems, SystemNames.EVENTS_FLOOR);
    EventFigures original = find(systems, SystemNames.EVENTS_ORIGINAL);
    if (ours == null && floor == null && original == null) {
      return;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    put(m, "", ours);
    m.put("ingestLostOnWorkerKill", ours == null ? null : ours.ingestLostOnWorkerKill);
    m.put("ingestDuplicatedOnWorkerKill", ours == null ? null : ours.ingestDuplicatedOnWorkerKill);
    for (String bare : List.of(EventFigures.COPY, EventFigures.INSERT, EventFigures.BINARY_COPY, EventFigures.COPY_PER_BATCH,
        EventFigures.MULTI_ROW_INSERT, EventFigures.LOAD_DATA)) {
      m.put(bare, floor == null ? null : floor.ingest.get(bare));
    }
    put(m, "floor", floor);
    put(m, "original", original);
    root.put("events", m);
  }

  private static void put(Map<String, Object> m, String prefix, EventFigures f) {
    Map<String, Object> one = new LinkedHashMap<>();
    one.put("appendOpsPerSec1", f == null ? null : f.writeOpsPerSec1);
    one.put("appendOpsPerSec8", f == null ? null : f.writeOpsPerSec8);
    one.put("appendOpsPerSec64", f == null ? null : f.writeOpsPerSec64);
    one.put("appendBatchedOpsPerSec", f == null ? null : f.appendBatchedOpsPerSec);
    one.put("appendP50Us", f == null ? null : f.writeP50Us);
    if (!prefix.equals("floor")) {
      one.put(EventFigures.INGEST, f == null ? null : f.ingest.get(EventFigures.INGEST));
    }
    one.forEach((k, v) -> m.put(prefix.isEmpty() ? k : prefix + Character.toUpperCase(k.charAt(0)) + k.substring(1), v));
  }
}
