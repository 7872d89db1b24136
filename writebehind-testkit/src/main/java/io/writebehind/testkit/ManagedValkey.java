package io.writebehind.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A dedicated Valkey-compatible server process (valkey-server, else redis-server, else the
 * embedded-redis binary) on a free port, in a given directory, for restart and durability
 * tests. The process is a direct child of this JVM, so {@link #kill()} hits the real
 * server pid. Every instance still running at JVM exit is killed by a shutdown hook.
 */
public final class ManagedValkey implements AutoCloseable {
  private static final Set<ManagedValkey> LIVE = ConcurrentHashMap.newKeySet();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (ManagedValkey v : LIVE) {
        v.destroyQuietly();
        if (v.deleteDirOnExit) {
          deleteTree(v.dir);
        }
      }
    }, "managed-valkey-cleanup"));
  }

  private final Path binary;
  private final Path dir;
  private final int port;
  private final boolean aof;
  private final String appendfsync;
  private volatile Process process;
  private volatile boolean deleteDirOnExit;

  private ManagedValkey(Path binary, Path dir, int port, boolean aof, String appendfsync) {
    this.binary = binary;
    this.dir = dir;
    this.port = port;
    this.aof = aof;
    this.appendfsync = appendfsync;
  }

  /** Starts a server in {@code dir} with AOF on, appendfsync everysec. */
  public static ManagedValkey start(Path dir) {
    return start(dir, true, "everysec");
  }

  /**
   * Starts a server in {@code dir} on a free port.
   *
   * @param aof         appendonly yes/no
   * @param appendfsync "always", "everysec" or "no"
   */
  public static ManagedValkey start(Path dir, boolean aof, String appendfsync) {
    return start(dir, aof, appendfsync, false);
  }

  /** As {@link #start(Path, boolean, String)}; {@code preferRedis} tries redis-server first. */
  public static ManagedValkey start(Path dir, boolean aof, String appendfsync, boolean preferRedis) {
    if (!List.of("always", "everysec", "no").contains(appendfsync)) {
      throw new IllegalArgumentException("appendfsync must be always, everysec or no: " + appendfsync);
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path binary = RedisBinaries.resolve(preferRedis, dir.resolve("bin"));
    ManagedValkey v = new ManagedValkey(binary, dir.toAbsolutePath(), RedisBinaries.freePort(), aof, appendfsync);
    v.launch();
    return v;
  }

  private synchronized void launch() {
    List<String> cmd = RedisBinaries.serverCommand(binary, port, dir, aof, appendfsync);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + binary, e);
    }
    LIVE.add(this);
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (Resp.ping("127.0.0.1", port, Duration.ofMillis(500))) {
        return;
      }
      if (!process.isAlive()) {
        LIVE.remove(this);
        throw new IllegalStateException(binary + " exited with " + process.exitValue() + " on port " + port
            + "; log:\n" + logTail());
      }
      sleep(20);
    }
    destroyQuietly();
    throw new IllegalStateException(binary + " did not answer PING on port " + port + " within "
        + START_TIMEOUT + "; log:\n" + logTail());
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public Path dir() {
    return dir;
  }

  public Path binary() {
    return binary;
  }

  /** The server's log file (stdout and stderr). */
  public Path log() {
    return dir.resolve("server.log");
  }

  /** The pid of the running server process; -1 if none. */
  public long pid() {
    Process p = process;
    return p == null ? -1 : p.pid();
  }

  public boolean isAlive() {
    Process p = process;
    return p != null && p.isAlive();
  }

  /** Graceful stop: SHUTDOWN (which fsyncs the AOF), falling back to destroy. */
  public synchronized void stop() {
    Process p = process;
    if (p == null) {
      return;
    }
    if (p.isAlive()) {
      try {
        Resp.call("127.0.0.1", port, Duration.ofSeconds(5), "SHUTDOWN");
      } catch (IOException ignored) {
        // the connection is closed by the server on success; errors fall through to destroy
      }
      if (!waitExit(p, Duration.ofSeconds(10))) {
        p.destroy();
        if (!waitExit(p, Duration.ofSeconds(5))) {
          p.destroyForcibly();
          waitExit(p, Duration.ofSeconds(5));
        }
      }
    }
    process = null;
    LIVE.remove(this);
  }

  /** kill -9 of the server process: no shutdown, no final fsync. */
  public synchronized void kill() {
    Process p = process;
    if (p == null) {
      return;
    }
    p.destroyForcibly();
    if (!waitExit(p, Duration.ofSeconds(10))) {
      throw new IllegalStateException("server pid " + p.pid() + " did not die after SIGKILL");
    }
    process = null;
    LIVE.remove(this);
  }

  /** Starts the server again on the same port and dir (stopping it first if running), replaying its AOF. */
  public synchronized void restart() {
    if (isAlive()) {
      stop();
    }
    launch();
  }

  @Override
  public void close() {
    stop();
  }

  /** Deletes {@link #dir()} at JVM exit (after killing the server), for servers in throwaway directories. */
  public ManagedValkey deleteDirOnExit() {
    deleteDirOnExit = true;
    return this;
  }

  private static void deleteTree(Path root) {
    try (java.util.stream.Stream<Path> s = Files.walk(root)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort at exit
    }
  }

  private void destroyQuietly() {
    Process p = process;
    if (p != null) {
      p.destroyForcibly();
      waitExit(p, Duration.ofSeconds(5));
    }
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static boolean waitExit(Process p, Duration d) {
    try {
      return p.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !p.isAlive();
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

  @Override
  public String toString() {
    return "ManagedValkey[" + binary.getFileName() + " " + url() + " aof=" + aof + "/" + appendfsync + " dir=" + dir + "]";
  }
}
