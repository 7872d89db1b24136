package io.writebehind.cli.local;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.ArchUtils;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The servers commands use when no URLs are given (DESIGN.md, "Defaults that need nothing
 * installed"): a Valkey server with AOF on and an embedded PostgreSQL, both living under
 * {@code home} (normally {@code .writebehind/} in the working folder), started on first
 * use as detached processes and left running for the next command.
 *
 * <p>Layout: {@code home/valkey/} (AOF, log, pid file, {@code state.properties}),
 * {@code home/postgres/} ({@code data/}, log, {@code state.properties}), {@code home/bin/}
 * (the embedded Redis binary when needed), {@code home/.lock} (held while starting or stopping, so
 * two commands started at once in the same folder do not both start servers).
 */
public final class LocalServers {
  private LocalServers() {}

  private static final Object JVM_LOCK = new Object();
  private static final Duration VALKEY_START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration PG_START_TIMEOUT = Duration.ofSeconds(60);

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
      try (FileChannel ch = FileChannel.open(h.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = ch.lock()) {
        Server valkey = openValkey(h);
        Server postgres = openPostgres(h);
        return new Local(valkey, postgres);
      }
    }
  }

  /** The local servers under {@code home} that are running now, without starting anything. */
  public static List<Server> running(Path home) throws IOException {
    Path h = home.toAbsolutePath().normalize();
    List<Server> out = new ArrayList<>();
    runningValkey(h).ifPresent(out::add);
    runningPostgres(h).ifPresent(out::add);
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
      try (FileChannel ch = FileChannel.open(h.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = ch.lock()) {
        Optional<Server> v = runningValkey(h);
        if (v.isPresent()) {
          stopValkey(v.get());
          stopped.add("stopped " + v.get().description());
        }
        Optional<Server> p = runningPostgres(h);
        if (p.isPresent()) {
          stopPostgres(h, p.get());
          stopped.add("stopped " + p.get().description());
        }
      }
    }
    return stopped;
  }

  // ---------------------------------------------------------------- Valkey

  private static Path valkeyDir(Path home) {
    return home.resolve("valkey");
  }

  private static Optional<Server> runningValkey(Path home) throws IOException {
    Path dir = valkeyDir(home);
    Properties st = readState(dir);
    int port = intProp(st, "port");
    if (port <= 0 || !ping(port)) {
      return Optional.empty();
    }
    long pid = readPid(dir.resolve("valkey.pid"));
    String name = st.getProperty("name", "valkey-server");
    String version = st.getProperty("version", "?");
    return Optional.of(valkeyServer(home, name, version, port, pid, false));
  }

  private static Server valkeyServer(Path home, String name, String version, int port, long pid, boolean startedNow) {
    String url = "redis://127.0.0.1:" + port;
    String desc = name + " " + version + " on 127.0.0.1:" + port + " (AOF on, data in "
        + display(valkeyDir(home)) + ")";
    return new Server(name, version, port, pid, url, desc, startedNow);
  }

  private static Server openValkey(Path home) throws IOException {
    Optional<Server> running = runningValkey(home);
    if (running.isPresent()) {
      return running.get();
    }
    Path dir = valkeyDir(home);
    Files.createDirectories(dir);
    Properties st = readState(dir);
    Path binary = valkeyBinary(home);
    String name = binary.getFileName().toString().startsWith("valkey") ? "valkey-server"
        : onPath("redis-server").filter(binary::equals).isPresent() ? "redis-server" : "embedded redis-server";
    String version = versionOf(binary);
    int port = choosePort(intProp(st, "port"));
    Path pidFile = dir.resolve("valkey.pid");
    Files.deleteIfExists(pidFile);
    List<String> cmd = List.of(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--dir", dir.toString(), "--daemonize", "yes", "--pidfile", pidFile.toString(),
        "--logfile", dir.resolve("valkey.log").toString(), "--appendonly", "yes", "--appendfsync", "everysec",
        "--save", "");
    runToCompletion(cmd, dir, Duration.ofSeconds(30), "start " + name);
    long deadline = System.nanoTime() + VALKEY_START_TIMEOUT.toNanos();
    while (!ping(port)) {
      long pid = readPid(pidFile);
      boolean alive = pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
      if ((pid > 0 && !alive) || System.nanoTime() > deadline) {
        throw new IOException(name + " did not come up on 127.0.0.1:" + port + "; see "
            + dir.resolve("valkey.log") + ":\n" + tail(dir.resolve("valkey.log")));
      }
      sleep(20);
    }
    st.setProperty("port", Integer.toString(port));
    st.setProperty("name", name);
    st.setProperty("version", version);
    st.setProperty("binary", binary.toString());
    writeState(dir, st);
    return valkeyServer(home, name, version, port, readPid(pidFile), true);
  }

  private static void stopValkey(Server s) throws IOException {
    try {
      call(s.port(), "SHUTDOWN");
    } catch (IOException ignored) {
      // the server closes the connection as it exits
    }
    if (!waitGone(s.pid(), Duration.ofSeconds(15)) && s.pid() > 0) {
      ProcessHandle.of(s.pid()).ifPresent(ProcessHandle::destroy);
      waitGone(s.pid(), Duration.ofSeconds(10));
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (ping(s.port())) {
      if (System.nanoTime() > deadline) {
        throw new IOException("could not stop " + s.description());
      }
      sleep(20);
    }
  }

  /** valkey-server from PATH, else redis-server, else the embedded-redis jar's binary extracted to home/bin. */
  static Path valkeyBinary(Path home) throws IOException {
    for (String n : List.of("valkey-server", "redis-server")) {
      Optional<Path> p = onPath(n);
      if (p.isPresent()) {
        return p.get();
      }
    }
    return extractEmbeddedRedis(home.resolve("bin"));
  }

  static String embeddedRedisResource(String osName, String osArch) {
    String os = osName.toLowerCase(Locale.ROOT);
    String arch = osArch.toLowerCase(Locale.ROOT);
    boolean arm = arch.equals("aarch64") || arch.equals("arm64");
    if (os.contains("linux")) {
      if (arch.equals("amd64") || arch.equals("x86_64")) {
        return "redis-server-6.2.6-v5-linux-amd64";
      }
      if (arm) {
        return "redis-server-6.2.7-linux-arm64";
      }
    } else if (os.contains("mac") || os.contains("darwin")) {
      return arm ? "redis-server-6.2.6-v5-darwin-arm64" : "redis-server-6.2.6-v5-darwin-amd64";
    }
    throw new IllegalStateException("no valkey-server or redis-server on PATH and no embedded Redis binary for "
        + osName + "/" + osArch + "; install Valkey or set VALKEY_URL");
  }

  private static Path extractEmbeddedRedis(Path binDir) throws IOException {
    String name = embeddedRedisResource(System.getProperty("os.name"), System.getProperty("os.arch"));
    Path target = binDir.resolve(name);
    if (Files.isExecutable(target)) {
      return target;
    }
    Files.createDirectories(binDir);
    try (InputStream in = LocalServers.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("embedded Redis binary " + name + " is not in the jar");
      }
      Path tmp = Files.createTempFile(binDir, name, ".part");
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      makeExecutable(tmp);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    return target;
  }

  // ---------------------------------------------------------------- PostgreSQL

  private static Path pgDir(Path home) {
    return home.resolve("postgres");
  }

  private static Optional<Server> runningPostgres(Path home) throws IOException {
    Path dir = pgDir(home);
    List<String> pidLines = readLines(dir.resolve("data").resolve("postmaster.pid"));
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
    if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) || !tcp(port)) {
      return Optional.empty();
    }
    String version = readState(dir).getProperty("version", "?");
    return Optional.of(pgServer(home, version, port, pid, false));
  }

  private static Server pgServer(Path home, String version, int port, long pid, boolean startedNow) {
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    String desc = "PostgreSQL " + version + " (embedded) on 127.0.0.1:" + port + " (data in "
        + display(pgDir(home)) + ")";
    return new Server("postgres", version, port, pid, url, desc, startedNow);
  }

  private static Server openPostgres(Path home) throws IOException {
    Optional<Server> running = runningPostgres(home);
    if (running.isPresent()) {
      return running.get();
    }
    Path dir = pgDir(home);
    Path data = dir.resolve("data");
    Path log = dir.resolve("postgres.log");
    Files.createDirectories(dir);
    Path pgHome = extractPostgres(home);
    Properties st = readState(dir);
    String version = st.getProperty("version");
    if (version == null) {
      version = versionOf(pgHome.resolve("bin/postgres"));
    }
    if (!Files.exists(data.resolve("PG_VERSION"))) {
      deleteTree(data);
      runToCompletion(pgCommand(pgHome, "initdb", "-A", "trust", "-U", "postgres", "-D", data.toString(),
          "-E", "UTF-8", "--no-locale", "--no-sync"), dir, Duration.ofSeconds(120), "initdb");
    }
    int port = choosePort(intProp(st, "port"));
    runToCompletion(pgCommand(pgHome, "pg_ctl", "-D", data.toString(), "-l", log.toString(),
        "-o", "-p " + port + " -h 127.0.0.1 -k ''", "-w", "-t", Long.toString(PG_START_TIMEOUT.toSeconds()),
        "start"), dir, PG_START_TIMEOUT.plusSeconds(10), "start PostgreSQL (log: " + log + ")");
    st.setProperty("port", Integer.toString(port));
    st.setProperty("version", version);
    st.setProperty("pgHome", pgHome.toString());
    writeState(dir, st);
    Optional<Server> started = runningPostgres(home);
    if (started.isEmpty()) {
      throw new IOException("PostgreSQL did not come up on 127.0.0.1:" + port + "; see " + log + ":\n" + tail(log));
    }
    Server s = started.get();
    return new Server(s.name(), s.version(), s.port(), s.pid(), s.url(), s.description(), true);
  }

  private static void stopPostgres(Path home, Server s) throws IOException {
    Path dir = pgDir(home);
    Path data = dir.resolve("data");
    String pgHome = readState(dir).getProperty("pgHome");
    boolean stopped = false;
    if (pgHome != null && Files.isExecutable(Path.of(pgHome, "bin", "pg_ctl"))) {
      try {
        runToCompletion(pgCommand(Path.of(pgHome), "pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "-t", "30",
            "stop"), dir, Duration.ofSeconds(40), "stop PostgreSQL");
        stopped = true;
      } catch (IOException e) {
        // fall back to signals
      }
    }
    if (!stopped) {
      runToCompletion(List.of("kill", "-INT", Long.toString(s.pid())), dir, Duration.ofSeconds(5), "kill -INT");
    }
    if (!waitGone(s.pid(), Duration.ofSeconds(30))) {
      throw new IOException("could not stop " + s.description());
    }
  }

  /**
   * The pg binaries, extracted from zonky's binaries jar (the archive EmbeddedPostgres itself
   * unpacks) once per archive content into a per-user cache under java.io.tmpdir, shared by
   * all homes; the path is remembered in home/postgres/state.properties.
   */
  private static Path extractPostgres(Path home) throws IOException {
    String known = readState(pgDir(home)).getProperty("pgHome");
    if (known != null && Files.exists(Path.of(known, ".complete"))) {
      return Path.of(known);
    }
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String system = os.contains("mac") || os.contains("darwin") ? "Darwin" : os.contains("linux") ? "Linux" : null;
    if (system == null) {
      throw new IOException("embedded PostgreSQL is supported on Linux and macOS only; set DATABASE_URL");
    }
    String arch = ArchUtils.normalize(System.getProperty("os.arch"));
    byte[] archive;
    try (InputStream raw = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, arch)) {
      archive = raw.readAllBytes();
    }
    String digest;
    try {
      digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive)).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    Path cache = Path.of(System.getProperty("java.io.tmpdir"), "writebehind-bin-" + System.getProperty("user.name"));
    Path target = cache.resolve("postgres-" + system.toLowerCase(Locale.ROOT) + "-" + arch + "-" + digest);
    if (Files.exists(target.resolve(".complete"))) {
      return target;
    }
    Files.createDirectories(cache);
    Path tmp = Files.createTempDirectory(cache, "extract");
    try (TarArchiveInputStream tar = new TarArchiveInputStream(
        new XZCompressorInputStream(new ByteArrayInputStream(archive)))) {
      TarArchiveEntry e;
      while ((e = tar.getNextTarEntry()) != null) {
        Path out = tmp.resolve(e.getName()).normalize();
        if (!out.startsWith(tmp)) {
          throw new IOException("bad entry in PostgreSQL archive: " + e.getName());
        }
        if (e.isDirectory()) {
          Files.createDirectories(out);
        } else if (e.isSymbolicLink()) {
          Files.createDirectories(out.getParent());
          Files.createSymbolicLink(out, Path.of(e.getLinkName()));
        } else {
          Files.createDirectories(out.getParent());
          Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
          if ((e.getMode() & 0100) != 0) {
            makeExecutable(out);
          }
        }
      }
    }
    Files.createFile(tmp.resolve(".complete"));
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException raced) {
      // another process (other home) extracted the same archive first
      deleteTree(tmp);
      if (!Files.exists(target.resolve(".complete"))) {
        throw raced;
      }
    }
    return target;
  }

  /** A PostgreSQL tool command; as root (which PostgreSQL refuses) wrapped in {@code unshare -U}, as zonky does. */
  private static List<String> pgCommand(Path pgHome, String tool, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    if (isRoot()) {
      if (onPath("unshare").isEmpty()) {
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

  // ---------------------------------------------------------------- helpers

  static String display(Path p) {
    Path cwd = Path.of("").toAbsolutePath().normalize();
    Path abs = p.toAbsolutePath().normalize();
    return abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs).toString() : abs.toString();
  }

  /** Version number from `binary --version` ("Valkey server v=8.0.1 ...", "postgres (PostgreSQL) 14.22"). */
  static String parseVersion(String versionOutput) {
    Matcher m = Pattern.compile("v=([0-9][0-9.]*)").matcher(versionOutput);
    if (m.find()) {
      return m.group(1);
    }
    m = Pattern.compile("\\b([0-9]+\\.[0-9]+(?:\\.[0-9]+)?)\\b").matcher(versionOutput);
    return m.find() ? m.group(1) : "?";
  }

  private static String versionOf(Path binary) {
    try {
      Process p = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(10, TimeUnit.SECONDS);
      return parseVersion(out);
    } catch (IOException e) {
      return "?";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }

  static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String d : path.split(File.pathSeparator)) {
      if (!d.isEmpty()) {
        Path p = Path.of(d, name);
        if (Files.isRegularFile(p) && Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  /** The recorded port when it is free (so URLs stay the same across restarts), else a free one. */
  private static int choosePort(int recorded) {
    if (recorded > 0) {
      try (ServerSocket s = new ServerSocket()) {
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress("127.0.0.1", recorded));
        return recorded;
      } catch (IOException busy) {
        // fall through
      }
    }
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void runToCompletion(List<String> cmd, Path dir, Duration timeout, String what) throws IOException {
    Path out = Files.createTempFile(dir, "cmd", ".out");
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        p.destroyForcibly();
        throw new IOException(what + ": timed out after " + timeout + " (" + String.join(" ", cmd) + ")\n" + tail(out));
      }
      if (p.exitValue() != 0) {
        throw new IOException(what + ": exit code " + p.exitValue() + " (" + String.join(" ", cmd) + ")\n" + tail(out));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(what + ": interrupted", e);
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static boolean ping(int port) {
    try {
      return "+PONG".equals(call(port, "PING"));
    } catch (IOException e) {
      return false;
    }
  }

  private static String call(int port, String... args) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      s.setSoTimeout(5000);
      StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
      for (String a : args) {
        sb.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
      }
      OutputStream o = s.getOutputStream();
      o.write(sb.toString().getBytes(StandardCharsets.UTF_8));
      o.flush();
      InputStream in = s.getInputStream();
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = in.read()) != -1 && c != '\n') {
        if (c != '\r') {
          line.append((char) c);
        }
      }
      return line.length() == 0 && c == -1 ? null : line.toString();
    }
  }

  private static boolean tcp(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean waitGone(long pid, Duration timeout) {
    if (pid <= 0) {
      return false;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      sleep(20);
    }
    return true;
  }

  private static long readPid(Path pidFile) {
    List<String> lines = readLines(pidFile);
    try {
      return lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static List<String> readLines(Path p) {
    try {
      return Files.readAllLines(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return List.of();
    }
  }

  private static Properties readState(Path dir) throws IOException {
    Properties p = new Properties();
    Path f = dir.resolve("state.properties");
    if (Files.exists(f)) {
      try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
        p.load(r);
      }
    }
    return p;
  }

  private static void writeState(Path dir, Properties p) throws IOException {
    Path tmp = dir.resolve("state.properties.tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      p.store(w, "writebehind local server state");
    }
    Files.move(tmp, dir.resolve("state.properties"), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  private static int intProp(Properties p, String key) {
    try {
      return Integer.parseInt(p.getProperty(key, "-1").trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String tail(Path f) {
    List<String> lines = readLines(f);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }

  private static void makeExecutable(Path p) throws IOException {
    try {
      Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(p));
      perms.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_EXECUTE));
      Files.setPosixFilePermissions(p, perms);
    } catch (UnsupportedOperationException e) {
      if (!p.toFile().setExecutable(true, false)) {
        throw new IOException("cannot make " + p + " executable", e);
      }
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
