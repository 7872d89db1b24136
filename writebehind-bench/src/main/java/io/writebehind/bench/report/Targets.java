package io.writebehind.bench.report;

import io.writebehind.bench.Figures;
import io.writebehind.bench.SystemNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The goals writebehind is held to, each PASS, MISS, or N/A when a figure it needs is missing. */
public final class Targets {
  public record Verdict(String status, String text) {}

  private Targets() {}

  public static List<Verdict> check(List<Figures> systems) {
    Figures floor = ReportTable.find(systems, SystemNames.FLOOR);
    Figures ours = ReportTable.find(systems, SystemNames.WRITEBEHIND);
    Figures original = ReportTable.find(systems, SystemNames.ORIGINAL);
    Figures redisson = ReportTable.find(systems, SystemNames.REDISSON);
    List<Verdict> out = new ArrayList<>();
    counters(systems, out);
    io.writebehind.bench.events.EventsReport.targets(systems, out);
    if (ours == null) {
      out.add(new Verdict("N/A", "writebehind was not run"));
      return out;
    }
    out.add(ratio("write p50 <= 1.5x floor", ours.writeP50Us, floor == null ? null : floor.writeP50Us, r -> r <= 1.5));
    out.add(ratio("64-writer throughput >= 70% of floor", ours.writeOpsPerSec64,
        floor == null ? null : floor.writeOpsPerSec64, r -> r >= 0.7));
    out.add(ratio("drain >= 50% of bare JDBC upsert (generic)", ours.drainRowsPerSec,
        floor == null ? null : floor.drainRowsPerSec, r -> r >= 0.5));
    out.add(ratio("drain >= 20x original (flights)", ours.drainFlightsPerSec,
        original == null ? null : original.drainFlightsPerSec, r -> r >= 20));
    if (redisson == null) {
      out.add(new Verdict("N/A", "ahead of Redisson on write throughput and drain (redisson not run)"));
    } else {
      Double[][] pairs = {
          {ours.writeOpsPerSec1, redisson.writeOpsPerSec1}, {ours.writeOpsPerSec8, redisson.writeOpsPerSec8},
          {ours.writeOpsPerSec64, redisson.writeOpsPerSec64}, {ours.drainRowsPerSec, redisson.drainRowsPerSec}};
      boolean missing = false;
      boolean ahead = true;
      StringBuilder detail = new StringBuilder();
      String[] labels = {"1w", "8w", "64w", "drain"};
      for (int i = 0; i < pairs.length; i++) {
        if (pairs[i][0] == null || pairs[i][1] == null) {
          missing = true;
          continue;
        }
        ahead &= pairs[i][0] > pairs[i][1];
        detail.append(String.format(Locale.ROOT, " %s %.2fx", labels[i], pairs[i][0] / pairs[i][1]));
      }
      out.add(new Verdict(missing ? "N/A" : ahead ? "PASS" : "MISS",
          "ahead of Redisson on write throughput and drain:" + detail));
    }
    out.add(value("window p99 <= 1 s at half drain rate", ours.windowP99Ms, v -> v <= 1000, "%.1f ms"));
    out.add(value("lostOnWorkerKill = 0", asDouble(ours.lostOnWorkerKill), v -> v == 0, "%.0f"));
    return out;
  }

  /** Counters against their own floor: the bare increment script, the bare {@code n = n + ?} batch. */
  private static void counters(List<Figures> systems, List<Verdict> out) {
    Figures floor = ReportTable.find(systems, SystemNames.COUNTERS_FLOOR);
    Figures ours = ReportTable.find(systems, SystemNames.COUNTERS);
    if (ours == null) {
      return;
    }
    out.add(ratio("counters: increment p50 <= 1.5x counters-floor", ours.writeP50Us,
        floor == null ? null : floor.writeP50Us, r -> r <= 1.5));
    out.add(ratio("counters: 64-writer increments >= 70% of counters-floor", ours.writeOpsPerSec64,
        floor == null ? null : floor.writeOpsPerSec64, r -> r >= 0.7));
    out.add(ratio("counters: drain >= 50% of bare n = n + ? batch", ours.drainRowsPerSec,
        floor == null ? null : floor.drainRowsPerSec, r -> r >= 0.5));
    out.add(value("counters: counterLostOnWorkerKill = 0", asDouble(ours.counterLostOnWorkerKill), v -> v == 0, "%.0f"));
    out.add(value("counters: counterDoubleAppliedOnWorkerKill = 0", asDouble(ours.counterDoubleAppliedOnWorkerKill),
        v -> v == 0, "%.0f"));
  }

  private static Double asDouble(Long v) {
    return v == null ? null : v.doubleValue();
  }

  public static Verdict ratio(String text, Double ours, Double base, java.util.function.DoublePredicate ok) {
    if (ours == null || base == null || base == 0) {
      return new Verdict("N/A", text + " (not measured)");
    }
    double r = ours / base;
    return new Verdict(ok.test(r) ? "PASS" : "MISS", String.format(Locale.ROOT, "%s: %.2fx", text, r));
  }

  private static Verdict value(String text, Double v, java.util.function.DoublePredicate ok, String fmt) {
    if (v == null) {
      return new Verdict("N/A", text + " (not measured)");
    }
    return new Verdict(ok.test(v) ? "PASS" : "MISS", text + ": " + String.format(Locale.ROOT, fmt, v));
  }
}
