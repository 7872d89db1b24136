package io.writebehind.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.writebehind.bench.Bench;
import io.writebehind.bench.Figures;
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
