package io.writebehind.bench.measure;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A child JVM of the benchmark: this JVM's java and classpath, a modest heap, library logs at
 * warn, output (stdout and stderr) to {@code log}, stdin a pipe the caller may write to. The
 * kill measures kill it; the cluster drain runs its workers in several of them.
 */
public final class BenchChild {
  private BenchChild() {}

  public static Process start(Class<?> main, Path log, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
        main.getName()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** The last five lines a child wrote, for an error message that says why it failed. */
  public static String tail(Path log) {
    try {
      List<String> lines = java.nio.file.Files.readAllLines(log);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (Exception e) {
      return "(no output)";
    }
  }
}
