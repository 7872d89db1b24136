package io.writebehind.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.writebehind.bench.Bench;
import io.writebehind.bench.Figures;
import io.writebehind.bench.SystemNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures as JSON: {"machine": ..., "systems": [{"name": ..., figures or null}]}. */
public final class JsonReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  public static Map<String, Object> toMap(Bench.Report report) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("machine", report.machine());
    List<Map<String, Object>> systems = new ArrayList<>();
    for (Figures f : report.systems()) {
      if (!(f instanceof io.writebehind.bench.cluster.ClusterDrainFigures)) {
        systems.add(f.toMap());
      }
    }
    root.put("systems", systems);
    Figures counters = ReportTable.find(report.systems(), SystemNames.COUNTERS);
    Figures floor = ReportTable.find(report.systems(), SystemNames.COUNTERS_FLOOR);
    Figures redisson = ReportTable.find(report.systems(), SystemNames.REDISSON_COUNTERS);
    if (counters != null || redisson != null) {
      // The counters' figures under the names the counters issue gives them; the floor's and
      // Redisson's beside them, the same names with the system in front.
      Map<String, Object> c = new LinkedHashMap<>();
      counterFigures(c, "", counters);
      if (floor != null) {
        counterFigures(c, "floor", floor);
      }
      if (redisson != null) {
        counterFigures(c, "redisson", redisson);
      }
      root.put("counters", c);
    }
    io.writebehind.bench.events.EventsReport.json(root, report.systems());
    io.writebehind.bench.cluster.ClusterDrainReport.json(root, report.systems());
    return root;
  }

  /** One system's counter figures, each name with {@code prefix} in front (null figures: not measured or not run). */
  private static void counterFigures(Map<String, Object> c, String prefix, Figures f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("incrementOpsPerSec1", f == null ? null : f.writeOpsPerSec1);
    m.put("incrementOpsPerSec8", f == null ? null : f.writeOpsPerSec8);
    m.put("incrementOpsPerSec64", f == null ? null : f.writeOpsPerSec64);
    m.put("incrementP50Us", f == null ? null : f.writeP50Us);
    m.put("counterDrainRowsPerSec", f == null ? null : f.drainRowsPerSec);
    m.put("counterLostOnWorkerKill", f == null ? null : f.counterLostOnWorkerKill);
    m.put("counterDoubleAppliedOnWorkerKill", f == null ? null : f.counterDoubleAppliedOnWorkerKill);
    m.forEach((k, v) -> c.put(prefix.isEmpty() ? k : prefix + Character.toUpperCase(k.charAt(0)) + k.substring(1), v));
  }

  public static String toJson(Bench.Report report) throws IOException {
    return JSON.writeValueAsString(toMap(report));
  }

  public static void write(Path file, Bench.Report report) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, toJson(report) + "\n");
  }
}
