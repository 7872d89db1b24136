package io.writebehind.cli.local;

import static io.writebehind.cli.local.LocalFiles.display;

import io.writebehind.cli.local.LocalServers.Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The local PostgreSQL under {@code home/postgres/}: zonky's embedded binaries run through
 * {@code initdb} and {@code pg_ctl}, found again through {@code postmaster.pid}.
 */
final class LocalPostgres {
  private LocalPostgres() {}

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  static Path dir(Path home) {
    return home.resolve("postgres");
  }

  static Optional<Server> running(Path home) throws IOException {
    Path dir = dir(home);
    List<String> pidLines = LocalFiles.readLines(dir.resolve("data").resolve("postmaster.pid"));
    if (pidLines.size() < 4) {
      return Optional.empty();
    }
    long pid;
    int port;
    try {
      pid = Long.parseLong(pidLines.get(0).trim());
      port = Integer.parseInt(pidLines.get(3).trim());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (!Processes.alive(pid) || !Processes.tcp(port)) {
      return Optional.empty();
    }
    String version = StateFile.read(dir).getProperty("version", "?");
    return Optional.of(server(home, version, port, pid, false));
  }

  private static Server server(Path home, String version, int port, long pid, boolean startedNow) {
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    String desc = "PostgreSQL " + version + " (embedded) on 127.0.0.1:" + port + " (data in "
        + display(dir(home)) + ")";
    return new Server("postgres", version, port, pid, url, desc, startedNow);
  }

  static Server open(Path home) throws IOException {
    Optional<Server> running = running(home);
    if (running.isPresent()) {
      return running.get();
    }
    Path dir = dir(home);
    Path data = dir.resolve("data");
    Path log = dir.resolve("postgres.log");
    Files.createDirectories(dir);
    Path pgHome = PostgresBinaries.extract(home);
    Properties st = StateFile.read(dir);
    String version = st.getProperty("version");
    if (version == null) {
      version = Processes.versionOf(pgHome.resolve("bin/postgres"));
    }
    if (!Files.exists(data.resolve("PG_VERSION"))) {
      LocalFiles.deleteTree(data);
      Processes.runToCompletion(command(pgHome, "initdb", "-A", "trust", "-U", "postgres", "-D", data.toString(),
          "-E", "UTF-8", "--no-locale", "--no-sync"), dir, Duration.ofSeconds(120), "initdb");
    }
    int port = Processes.choosePort(StateFile.intProp(st, "port"));
    Processes.runToCompletion(command(pgHome, "pg_ctl", "-D", data.toString(), "-l", log.toString(),
        "-o", "-p " + port + " -h 127.0.0.1 -k ''", "-w", "-t", Long.toString(START_TIMEOUT.toSeconds()),
        "start"), dir, START_TIMEOUT.plusSeconds(10), "start PostgreSQL (log: " + log + ")");
    st.setProperty("port", Integer.toString(port));
    st.setProperty("version", version);
    st.setProperty("pgHome", pgHome.toString());
    StateFile.write(dir, st);
    Optional<Server> started = running(home);
    if (started.isEmpty()) {
      throw new IOException("PostgreSQL did not come up on 127.0.0.1:" + port + "; see " + log + ":\n"
          + LocalFiles.tail(log));
    }
    Server s = started.get();
    return new Server(s.name(), s.version(), s.port(), s.pid(), s.url(), s.description(), true);
  }

  static void stop(Path home, Server s) throws IOException {
    Path dir = dir(home);
    Path data = dir.resolve("data");
    String pgHome = StateFile.read(dir).getProperty("pgHome");
    boolean stopped = false;
    if (pgHome != null && Files.isExecutable(Path.of(pgHome, "bin", "pg_ctl"))) {
      try {
        Processes.runToCompletion(command(Path.of(pgHome), "pg_ctl", "-D", data.toString(), "-m", "fast", "-w",
            "-t", "30", "stop"), dir, Duration.ofSeconds(40), "stop PostgreSQL");
        stopped = true;
      } catch (IOException e) {
        // fall back to signals
      }
    }
    if (!stopped) {
      Processes.runToCompletion(List.of("kill", "-INT", Long.toString(s.pid())), dir, Duration.ofSeconds(5),
          "kill -INT");
    }
    if (!Processes.waitGone(s.pid(), Duration.ofSeconds(30))) {
      throw new IOException("could not stop " + s.description());
    }
  }

  /** A PostgreSQL tool command; as root (which PostgreSQL refuses) wrapped in {@code unshare -U}, as zonky does. */
  private static List<String> command(Path pgHome, String tool, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    if (isRoot()) {
      if (Processes.onPath("unshare").isEmpty()) {
        throw new IOException("PostgreSQL cannot run as root and `unshare` (util-linux) is not on PATH;"
            + " run as a normal user or set DATABASE_URL");
      }
      cmd.add("unshare");
      cmd.add("-U");
    }
    cmd.add(pgHome.resolve("bin").resolve(tool).toString());
    cmd.addAll(List.of(args));
    return cmd;
  }

  static boolean isRoot() {
    try {
      Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      return uid instanceof Integer i && i == 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }
}
