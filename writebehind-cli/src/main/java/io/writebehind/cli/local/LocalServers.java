package io.writebehind.cli.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The servers commands use when no URLs are given (DESIGN.md, "Defaults that need nothing
 * installed"): a Valkey server with AOF on ({@link LocalValkey}) and an embedded PostgreSQL
 * ({@link LocalPostgres}), both living under {@code home} (normally {@code .writebehind/} in
 * the working folder), started on first use as detached processes and left running for the
 * next command.
 *
 * <p>Layout: {@code home/valkey/} (AOF, log, pid file, {@code state.properties}),
 * {@code home/postgres/} ({@code data/}, log, {@code state.properties}), {@code home/bin/}
 * (the embedded Redis binary when needed), {@code home/.lock} (held while starting or stopping, so
 * two commands started at once in the same folder do not both start servers).
 */
public final class LocalServers {
  private LocalServers() {}

  // The file lock only excludes other processes; threads of this JVM need their own.
  private static final Object JVM_LOCK = new Object();

  /** One local server. */
  public record Server(String name, String version, int port, long pid, String url, String description,
      boolean startedNow) {}

  /** The local Valkey and PostgreSQL. */
  public record Local(Server valkey, Server postgres) {
    public String valkeyUrl() {
      return valkey.url();
    }

    public String jdbcUrl() {
      return postgres.url();
    }
  }

  /**
   * Returns the local servers under {@code home}, starting those that are not running.
   * Quick when both already run (a PING and a pid check).
   */
  public static Local open(Path home) throws IOException {
    Path h = home.toAbsolutePath().normalize();
    Files.createDirectories(h);
    synchronized (JVM_LOCK) {
      try (FileChannel ch = lockFile(h); FileLock ignored = ch.lock()) {
        Server valkey = LocalValkey.open(h);
        Server postgres = LocalPostgres.open(h);
        return new Local(valkey, postgres);
      }
    }
  }

  /**
   * The local Valkey alone under {@code home}, started if it is not running: for commands
   * that never touch the database.
   */
  public static Server openValkey(Path home) throws IOException {
    Path h = home.toAbsolutePath().normalize();
    Files.createDirectories(h);
    synchronized (JVM_LOCK) {
      try (FileChannel ch = lockFile(h); FileLock ignored = ch.lock()) {
        return LocalValkey.open(h);
      }
    }
  }

  /** The local servers under {@code home} that are running now, without starting anything. */
  public static List<Server> running(Path home) throws IOException {
    Path h = home.toAbsolutePath().normalize();
    List<Server> out = new ArrayList<>();
    LocalValkey.running(h).ifPresent(out::add);
    LocalPostgres.running(h).ifPresent(out::add);
    return out;
  }

  /**
   * Stops the local servers under {@code home} (data is kept). Returns one line per server
   * stopped; empty when none was running.
   */
  public static List<String> stop(Path home) throws IOException {
    Path h = home.toAbsolutePath().normalize();
    List<String> stopped = new ArrayList<>();
    if (!Files.isDirectory(h)) {
      return stopped;
    }
    synchronized (JVM_LOCK) {
      try (FileChannel ch = lockFile(h); FileLock ignored = ch.lock()) {
        Optional<Server> v = LocalValkey.running(h);
        if (v.isPresent()) {
          LocalValkey.stop(v.get());
          stopped.add("stopped " + v.get().description());
        }
        Optional<Server> p = LocalPostgres.running(h);
        if (p.isPresent()) {
          LocalPostgres.stop(h, p.get());
          stopped.add("stopped " + p.get().description());
        }
      }
    }
    return stopped;
  }

  private static FileChannel lockFile(Path home) throws IOException {
    return FileChannel.open(home.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  // The three below stay reachable here because LocalServersTest pins them through this class.

  static String parseVersion(String versionOutput) {
    return Processes.parseVersion(versionOutput);
  }

  static String embeddedRedisResource(String osName, String osArch) {
    return LocalValkey.embeddedRedisResource(osName, osArch);
  }

  static String display(Path p) {
    return LocalFiles.display(p);
  }
}
