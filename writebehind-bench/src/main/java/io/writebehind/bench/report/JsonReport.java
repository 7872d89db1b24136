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
      systems.add(f.toMap());
    }
    root.put("systems", systems);
    Figures counters = ReportTable.find(report.systems(), SystemNames.COUNTERS);
    Figures floor = ReportTable.find(report.systems(), SystemNames.COUNTERS_FLOOR);
    if (counters != null) {
      // The counters' figures under the names the counters issue gives them.
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("incrementOpsPerSec1", counters.writeOpsPerSec1);
      c.put("incrementOpsPerSec8", counters.writeOpsPerSec8);
      c.put("incrementOpsPerSec64", counters.writeOpsPerSec64);
      c.put("incrementP50Us", counters.writeP50Us);
      c.put("counterDrainRowsPerSec", counters.drainRowsPerSec);
      if (floor != null) {
        c.put("floorIncrementOpsPerSec1", floor.writeOpsPerSec1);
        c.put("floorIncrementOpsPerSec8", floor.writeOpsPerSec8);
        c.put("floorIncrementOpsPerSec64", floor.writeOpsPerSec64);
        c.put("floorIncrementP50Us", floor.writeP50Us);
        c.put("floorCounterDrainRowsPerSec", floor.drainRowsPerSec);
      }
      root.put("counters", c);
    }
    io.writebehind.bench.events.EventsReport.json(root, report.systems());
    return root;
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
