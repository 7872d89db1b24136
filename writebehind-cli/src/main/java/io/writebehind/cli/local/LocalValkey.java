package io.writebehind.cli.local;

import static io.writebehind.cli.local.LocalFiles.display;
import static io.writebehind.cli.local.Processes.readPid;

import io.writebehind.cli.local.LocalServers.Server;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The local Valkey under {@code home/valkey/}: AOF on, daemonized by the server itself, found
 * again through its state file and pid file. Any Valkey or Redis on PATH will do; without one
 * the Redis binary shipped in the embedded-redis jar is used.
 */
final class LocalValkey {
  private LocalValkey() {}

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private static Path dir(Path home) {
    return home.resolve("valkey");
  }

  static Optional<Server> running(Path home) throws IOException {
    Path dir = dir(home);
    Properties st = StateFile.read(dir);
    int port = StateFile.intProp(st, "port");
    if (port <= 0 || !ping(port)) {
      return Optional.empty();
    }
    long pid = readPid(dir.resolve("valkey.pid"));
    String name = st.getProperty("name", "valkey-server");
    String version = st.getProperty("version", "?");
    return Optional.of(server(home, name, version, port, pid, false));
  }

  private static Server server(Path home, String name, String version, int port, long pid, boolean startedNow) {
    String url = "redis://127.0.0.1:" + port;
    String desc = name + " " + version + " on 127.0.0.1:" + port + " (AOF on, data in "
        + display(dir(home)) + ")";
    return new Server(name, version, port, pid, url, desc, startedNow);
  }

  static Server open(Path home) throws IOException {
    Optional<Server> running = running(home);
    if (running.isPresent()) {
      return running.get();
    }
    Path dir = dir(home);
    Files.createDirectories(dir);
    Properties st = StateFile.read(dir);
    Path binary = binary(home);
    String name = binary.getFileName().toString().startsWith("valkey") ? "valkey-server"
        : Processes.onPath("redis-server").filter(binary::equals).isPresent() ? "redis-server"
        : "embedded redis-server";
    String version = Processes.versionOf(binary);
    int port = Processes.choosePort(StateFile.intProp(st, "port"));
    Path pidFile = dir.resolve("valkey.pid");
    Files.deleteIfExists(pidFile);
    List<String> cmd = List.of(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--dir", dir.toString(), "--daemonize", "yes", "--pidfile", pidFile.toString(),
        "--logfile", dir.resolve("valkey.log").toString(), "--appendonly", "yes", "--appendfsync", "everysec",
        "--save", "");
    Processes.runToCompletion(cmd, dir, Duration.ofSeconds(30), "start " + name);
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!ping(port)) {
      long pid = readPid(pidFile);
      boolean alive = pid > 0 && Processes.alive(pid);
      if ((pid > 0 && !alive) || System.nanoTime() > deadline) {
        throw new IOException(name + " did not come up on 127.0.0.1:" + port + "; see "
            + dir.resolve("valkey.log") + ":\n" + LocalFiles.tail(dir.resolve("valkey.log")));
      }
      Processes.sleep(20);
    }
    st.setProperty("port", Integer.toString(port));
    st.setProperty("name", name);
    st.setProperty("version", version);
    st.setProperty("binary", binary.toString());
    StateFile.write(dir, st);
    return server(home, name, version, port, readPid(pidFile), true);
  }

  static void stop(Server s) throws IOException {
    try {
      call(s.port(), "SHUTDOWN");
    } catch (IOException ignored) {
      // the server closes the connection as it exits
    }
    if (!Processes.waitGone(s.pid(), Duration.ofSeconds(15)) && s.pid() > 0) {
      ProcessHandle.of(s.pid()).ifPresent(ProcessHandle::destroy);
      Processes.waitGone(s.pid(), Duration.ofSeconds(10));
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (ping(s.port())) {
      if (System.nanoTime() > deadline) {
        throw new IOException("could not stop " + s.description());
      }
      Processes.sleep(20);
    }
  }

  /** valkey-server from PATH, else redis-server, else the embedded-redis jar's binary extracted to home/bin. */
  static Path binary(Path home) throws IOException {
    for (String n : List.of("valkey-server", "redis-server")) {
      Optional<Path> p = Processes.onPath(n);
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
    try (InputStream in = LocalValkey.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("embedded Redis binary " + name + " is not in the jar");
      }
      Path tmp = Files.createTempFile(binDir, name, ".part");
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      LocalFiles.makeExecutable(tmp);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    return target;
  }

  static boolean ping(int port) {
    try {
      return "+PONG".equals(call(port, "PING"));
    } catch (IOException e) {
      return false;
    }
  }

  /** One RESP command, first reply line; enough for PING and SHUTDOWN without a client library. */
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
}
