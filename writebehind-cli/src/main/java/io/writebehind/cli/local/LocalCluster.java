package io.writebehind.cli.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A Valkey Cluster on loopback for tests and the chaos command: {@code primaries} nodes with
 * {@code replicasPerPrimary} replicas each, made with {@code valkey-cli --cluster create},
 * in a directory of its own. Each node is a direct child of this JVM, so {@link #kill} is a
 * real kill -9; nodes still running at JVM exit are killed by a shutdown hook. The node
 * timeout is one second, so a replica takes over a dead primary within a few seconds.
 *
 * <p>Ports: consecutive from {@code basePort}, or from the {@code WB_CLUSTER_BASE_PORT}
 * environment variable, else the first run of free ones whose bus ports (port + 10000) are
 * free too.
 */
public final class LocalCluster implements AutoCloseable {
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "local-cluster-cleanup"));
  }

  /** Milliseconds without an answer after which the cluster marks a node failed (by default). */
  public static final int NODE_TIMEOUT_MILLIS = 1000;

  private final Path dir;
  private final boolean aof;
  private final int nodeTimeoutMillis;
  private final Map<Integer, Process> nodes = new LinkedHashMap<>();

  private LocalCluster(Path dir, boolean aof, int nodeTimeoutMillis) {
    this.dir = dir;
    this.aof = aof;
    this.nodeTimeoutMillis = nodeTimeoutMillis;
  }

  /** Whether valkey-server and valkey-cli are on PATH (a cluster needs both). */
  public static boolean available() {
    return Processes.onPath("valkey-server").isPresent() && Processes.onPath("valkey-cli").isPresent();
  }

  /**
   * Starts the nodes, creates the cluster and waits until every node says cluster_state:ok
   * and every replica is in sync with its primary.
   *
   * @param basePort the first port, or 0 for {@code WB_CLUSTER_BASE_PORT} or free ones
   * @param aof appendonly yes with appendfsync everysec, else no persistence at all
   */
  public static LocalCluster start(Path dir, int primaries, int replicasPerPrimary, int basePort, boolean aof) {
    return start(dir, primaries, replicasPerPrimary, basePort, aof, NODE_TIMEOUT_MILLIS);
  }

  /**
   * As {@link #start(Path, int, int, int, boolean)} with another node timeout: a cluster not
   * meant to fail over (a measurement) takes a longer one, so that a node starved of CPU on a
   * loaded machine for a second is not marked failed, which takes its slots down with it.
   */
  public static LocalCluster start(Path dir, int primaries, int replicasPerPrimary, int basePort, boolean aof,
      int nodeTimeoutMillis) {
    int count = primaries * (1 + replicasPerPrimary);
    String env = System.getenv("WB_CLUSTER_BASE_PORT");
    int base = basePort > 0 ? basePort : env != null && !env.isBlank() ? Integer.parseInt(env.trim()) : freeRun(count);
    LocalCluster c = new LocalCluster(dir, aof, nodeTimeoutMillis);
    try {
      for (int i = 0; i < count; i++) {
        c.launch(base + i);
      }
      for (int port : c.nodes.keySet()) {
        c.awaitPing(port);
      }
      List<String> create = new ArrayList<>(List.of("valkey-cli", "--cluster", "create"));
      c.nodes.keySet().forEach(p -> create.add("127.0.0.1:" + p));
      create.addAll(List.of("--cluster-replicas", Integer.toString(replicasPerPrimary), "--cluster-yes"));
      String out = run(create, 60);
      if (!out.contains("All 16384 slots covered")) {
        throw new IllegalStateException("valkey-cli --cluster create failed:\n" + out);
      }
      c.awaitHealthy(60_000);
      return c;
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
  }

  private void launch(int port) {
    try {
      Path nodeDir = Files.createDirectories(dir.resolve("n" + port));
      List<String> cmd = List.of("valkey-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
          "--protected-mode", "no", "--cluster-enabled", "yes",
          "--cluster-config-file", nodeDir.resolve("nodes.conf").toString(),
          "--cluster-node-timeout", Integer.toString(nodeTimeoutMillis),
          "--dir", nodeDir.toString(), "--save", "", "--appendonly", aof ? "yes" : "no", "--appendfsync", "everysec",
          // A node back after a kill resyncs at once: the default waits 5 s for more replicas to share one transfer.
          "--repl-diskless-sync-delay", "0");
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(nodeDir.resolve("log").toFile())).start();
      LIVE.add(p);
      nodes.put(port, p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start valkey-server on port " + port, e);
    }
  }

  /** A seed URL of the cluster for the engine: the first node that is alive. */
  public String url() {
    return "redis://127.0.0.1:" + alive().get(0) + "?cluster=true";
  }

  /** Every node's port, alive or not. */
  public List<Integer> ports() {
    return List.copyOf(nodes.keySet());
  }

  /** The ports of the nodes now running. */
  public List<Integer> alive() {
    List<Integer> out = new ArrayList<>();
    nodes.forEach((port, p) -> {
      if (p.isAlive()) {
        out.add(port);
      }
    });
    return out;
  }

  /** The ports of the primaries as a running node sees them (those that serve slots). */
  public List<Integer> primaries() {
    List<Integer> out = new ArrayList<>();
    for (String line : cli(alive().get(0), "cluster", "nodes").split("\n")) {
      String[] f = line.trim().split(" ");
      if (f.length > 8 && f[2].contains("master") && !f[2].contains("fail")) {
        out.add(portOf(f[1]));
      }
    }
    return out;
  }

  /** The port of the primary that serves {@code key}'s slot now. */
  public int primaryOf(String key) {
    int slot = Integer.parseInt(cli(alive().get(0), "cluster", "keyslot", key).trim());
    for (String line : cli(alive().get(0), "cluster", "nodes").split("\n")) {
      String[] f = line.trim().split(" ");
      if (f.length <= 8 || !f[2].contains("master") || f[2].contains("fail")) {
        continue;
      }
      for (int i = 8; i < f.length; i++) {
        String[] range = f[i].split("-");
        if (range[0].startsWith("[")) {
          continue;
        }
        int from = Integer.parseInt(range[0]);
        int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
        if (slot >= from && slot <= to) {
          return portOf(f[1]);
        }
      }
    }
    throw new IllegalStateException("no primary serves slot " + slot);
  }

  /** The port of a replica of the primary on {@code primaryPort}. */
  public int replicaOf(int primaryPort) {
    String id = cli(primaryPort, "cluster", "myid").trim();
    for (String line : cli(primaryPort, "cluster", "nodes").split("\n")) {
      String[] f = line.trim().split(" ");
      if (f.length > 3 && f[2].contains("slave") && f[3].equals(id) && !f[2].contains("fail")) {
        return portOf(f[1]);
      }
    }
    throw new IllegalStateException("the primary on port " + primaryPort + " has no replica");
  }

  private static int portOf(String address) {
    // ip:port@busport[,hostname]
    String hostPort = address.split("@")[0];
    return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
  }

  /** kill -9 of the node: no shutdown, nothing more sent to its replicas. */
  public void kill(int port) {
    Process p = nodes.get(port);
    p.destroyForcibly();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("node " + port + " did not die after SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    LIVE.remove(p);
  }

  /** Stops the node with SIGSTOP (it holds its connections and answers nothing), or resumes it with SIGCONT. */
  public void freeze(int port, boolean frozen) {
    run(List.of("kill", frozen ? "-STOP" : "-CONT", Long.toString(nodes.get(port).pid())), 10);
  }

  /** Starts a killed node again with its nodes.conf: it rejoins, as a replica when it was failed over. */
  public void restart(int port) {
    launch(port);
    awaitPing(port);
  }

  /**
   * A manual failover: {@code CLUSTER FAILOVER} on the replica, which waits for its primary
   * to stop writes and hand over everything, then takes over. Returns once it serves slots.
   */
  public void failover(int replicaPort, long timeoutMillis) {
    String reply = cli(replicaPort, "cluster", "failover").trim();
    if (!reply.equals("OK")) {
      throw new IllegalStateException("CLUSTER FAILOVER on " + replicaPort + ": " + reply);
    }
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (!cli(replicaPort, "role").startsWith("master")) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("node " + replicaPort + " did not become a primary within " + timeoutMillis + " ms");
      }
      sleep(50);
    }
  }

  /**
   * Waits until every running node says cluster_state:ok and sees no failed node it would
   * need, and every running replica is in sync with its primary.
   */
  public void awaitHealthy(long timeoutMillis) {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    String last = "";
    while (System.currentTimeMillis() < deadline) {
      boolean ok = true;
      for (int port : alive()) {
        String info = cli(port, "cluster", "info");
        String role = cli(port, "role");
        if (!info.contains("cluster_state:ok")) {
          ok = false;
          last = port + ": " + info.lines().filter(l -> l.startsWith("cluster_state")).findFirst().orElse(info);
          break;
        }
        if (role.startsWith("slave") && !role.contains("connected")) {
          ok = false;
          last = port + " replica not in sync: " + role.replace('\n', ' ');
          break;
        }
      }
      if (ok) {
        return;
      }
      sleep(100);
    }
    throw new IllegalStateException("cluster not healthy within " + timeoutMillis + " ms: " + last);
  }

  /** One valkey-cli command against a node; its output (empty when the node is down). */
  public static String cli(int port, String... args) {
    List<String> cmd = new ArrayList<>(List.of("valkey-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
    cmd.addAll(List.of(args));
    return run(cmd, 10);
  }

  private static String run(List<String> cmd, int timeoutSeconds) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", cmd) + " did not finish within " + timeoutSeconds + " s");
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void awaitPing(int port) {
    long deadline = System.currentTimeMillis() + 20_000;
    while (!LocalValkey.ping(port)) {
      Process p = nodes.get(port);
      if (!p.isAlive() || System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("valkey-server on port " + port + " did not start; see " + dir.resolve("n" + port + "/log"));
      }
      sleep(20);
    }
  }

  /** The first port of {@code count} consecutive free ones whose bus ports are free too. */
  private static int freeRun(int count) {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = 20_000 + (int) (Math.random() * 30_000);
      boolean free = true;
      for (int i = 0; i < count && free; i++) {
        free = isFree(base + i) && isFree(base + i + 10_000);
      }
      if (free) {
        return base;
      }
    }
    throw new IllegalStateException("no run of " + count + " free ports found");
  }

  private static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Kills every node (the cluster is thrown away with its directory's contents). */
  @Override
  public void close() {
    for (Process p : nodes.values()) {
      p.destroyForcibly();
    }
    for (Process p : nodes.values()) {
      try {
        p.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      LIVE.remove(p);
    }
  }
}
