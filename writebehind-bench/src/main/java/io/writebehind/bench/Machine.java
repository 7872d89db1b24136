package io.writebehind.bench;

import io.writebehind.ValkeyConnection;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.time.Duration;
import java.util.Locale;
import javax.sql.DataSource;

/** One line saying what the figures were measured on: they mean nothing without it. */
public final class Machine {
  private Machine() {}

  public static String describe(String valkeyUrl, DataSource db) {
    Runtime rt = Runtime.getRuntime();
    StringBuilder s = new StringBuilder();
    s.append(rt.availableProcessors()).append(" cores");
    String cpu = cpuModel();
    if (cpu != null) {
      s.append(" (").append(cpu).append(')');
    }
    long mem = totalMemory();
    if (mem > 0) {
      s.append(String.format(Locale.ROOT, ", %.1f GiB RAM", mem / (1024.0 * 1024 * 1024)));
    }
    s.append(", ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"));
    s.append("; JVM ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.runtime.version"))
        .append(String.format(Locale.ROOT, " (max heap %d MiB)", rt.maxMemory() / (1024 * 1024)));
    s.append("; ").append(valkeyVersion(valkeyUrl));
    s.append("; ").append(databaseVersion(db));
    return s.toString();
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim().replaceAll("\\s+", " ");
        }
      }
    } catch (Exception e) {
      // not Linux: the core count says enough
    }
    return null;
  }

  private static long totalMemory() {
    try {
      var os = ManagementFactory.getOperatingSystemMXBean();
      if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
        return sun.getTotalMemorySize();
      }
    } catch (Throwable e) {
      // some JVMs do not expose it
    }
    return -1;
  }

  static String valkeyVersion(String url) {
    try (ValkeyConnection v = ValkeyConnection.open(url, Duration.ofSeconds(5))) {
      String info = v.async().info("server").toCompletableFuture().join();
      String valkey = ValkeyInfo.field(info, "valkey_version");
      String redis = ValkeyInfo.field(info, "redis_version");
      String aof = ValkeyInfo.field(v.async().info("persistence").toCompletableFuture().join(), "aof_enabled");
      return (valkey != null ? "Valkey " + valkey : "Redis " + redis) + ("1".equals(aof) ? " (AOF on)" : " (AOF off)");
    } catch (RuntimeException e) {
      return "Valkey version unknown";
    }
  }

  static String databaseVersion(DataSource db) {
    try (Connection c = db.getConnection()) {
      DatabaseMetaData md = c.getMetaData();
      return md.getDatabaseProductName() + " " + md.getDatabaseProductVersion() + " (" + md.getDriverName() + " "
          + md.getDriverVersion() + ")";
    } catch (Exception e) {
      return "database version unknown";
    }
  }
}
