package io.writebehind.bench.cluster;

import io.writebehind.ValkeyConnection;
import io.writebehind.WriteBehind;
import io.writebehind.admin.PartitionStatus;
import io.writebehind.admin.QueueStatus;
import io.writebehind.admin.WorkerInfo;
import io.writebehind.bench.Bench;
import io.writebehind.bench.Fixture;
import io.writebehind.bench.Payloads;
import io.writebehind.bench.Progress;
import io.writebehind.bench.SystemNames;
import io.writebehind.bench.measure.BenchChild;
import io.writebehind.bench.measure.ComponentCpu;
import io.writebehind.jdbc.Dialect;
import io.writebehind.jdbc.KeyValueTable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The drain of a Valkey Cluster by workers in several processes. For each count of worker
 * processes: the journals of {@value #PARTITIONS} partitions are filled with the plan's
 * writes (several versions of each key, in order) while no worker runs; then that many
 * child JVMs ({@link DrainChild}), started and warmed beforehand, start their workers at
 * once, and the drain is timed until every write is committed ({@code flush}, checked on
 * Valkey). Meanwhile the leases are sampled from {@code status}; afterwards the database
 * is checked for per-key order ({@link OrderCheck}), and the CPU each component spent is
 * read ({@link ComponentCpu}). PostgreSQL only (the order check is a PostgreSQL trigger).
 */
public final class ClusterDrain {
  public static final int PARTITIONS = 64;
  /** Versions written of each key: order can only be checked on keys written more than once. */
  static final int VERSIONS = 4;
  static final long KEY_BASE = 70_000_000L;
  static final long WARMUP_KEY_BASE = 80_000_000L;
  private static final long STATUS_EVERY_MILLIS = 250;
  /** After the drain, how long the leases may take to settle: a few lease rounds (a third of the 5 s lease each). */
  private static final long SETTLE_MILLIS = 15_000;

  /**
   * @param writes writes per drain
   * @param processes worker process counts, one drain each, in this order (the first is the ratios' basis)
   * @param warmup writes each child drains on a namespace of its own before it is ready
   */
  public record Settings(int writes, List<Integer> processes, int warmup) {
    public static Settings of(boolean quick, Integer writes, List<Integer> processes) {
      int w = writes != null ? writes : quick ? 20_000 : 200_000;
      return new Settings(w, processes == null || processes.isEmpty() ? List.of(1, 2, 4) : List.copyOf(processes),
          quick ? 1_000 : 20_000);
    }
  }

  private ClusterDrain() {}

  public static boolean applies(String name) {
    return name.equals(SystemNames.CLUSTER_DRAIN);
  }

  public static ClusterDrainFigures measure(Fixture fixture, Settings settings, Progress progress) {
    ClusterDrainFigures f = new ClusterDrainFigures();
    progress.step(SystemNames.CLUSTER_DRAIN, settings.processes().size());
    Bench.attempt(fixture, f, "setup", () -> {
      if (fixture.dialect != Dialect.POSTGRESQL) {
        throw new IllegalArgumentException("needs PostgreSQL (its order check is a PostgreSQL trigger), not "
            + fixture.databaseKind());
      }
      if (settings.writes() < VERSIONS * 100) {
        throw new IllegalArgumentException("needs at least " + VERSIONS * 100 + " writes, was " + settings.writes());
      }
      List<String> nodes = nodes(fixture.valkeyUrl, f);
      f.keys = settings.writes() / VERSIONS;
      f.writes = f.keys * VERSIONS;
      f.partitions = PARTITIONS;
      int done = 0;
      for (int k : settings.processes()) {
        Bench.attempt(fixture, f, k + "-process drain", () -> f.runs.add(drain(fixture, f, settings, k, nodes)));
        progress.update(++done);
      }
    });
    progress.done();
    return f;
  }

  /**
   * The URL of every node the cluster's topology lists (primaries and replicas, failed ones
   * left out), each with the seed URL's scheme, credentials and options; the seed URL alone
   * when it names no cluster.
   */
  static List<String> nodes(String seedUrl, ClusterDrainFigures f) throws Exception {
    List<String> out = new ArrayList<>();
    try (ValkeyConnection v = ValkeyConnection.open(seedUrl, Duration.ofSeconds(10))) {
      if (!v.isCluster()) {
        f.valkeyPrimaries = 1;
        f.valkeyNodes = 1;
        return List.of(seedUrl);
      }
      URI seed = URI.create(seedUrl);
      String query = seed.getQuery() == null ? null : String.join("&", java.util.Arrays.stream(seed.getQuery().split("&"))
          .filter(p -> !p.toLowerCase(Locale.ROOT).startsWith("cluster=")).toList());
      for (String line : v.async().clusterNodes().get(10, TimeUnit.SECONDS).split("\n")) {
        String[] p = line.trim().split(" ");
        if (p.length < 3 || p[2].contains("fail") || p[2].contains("noaddr")) {
          continue;
        }
        String hostPort = p[1].split("@")[0];
        int colon = hostPort.lastIndexOf(':');
        URI node = new URI(seed.getScheme(), seed.getUserInfo(), hostPort.substring(0, colon),
            Integer.parseInt(hostPort.substring(colon + 1)), seed.getPath(), query == null || query.isEmpty() ? null : query, null);
        out.add(node.toString());
        if (p[2].contains("master")) {
          f.valkeyPrimaries++;
        }
      }
    }
    f.valkeyNodes = out.size();
    return out;
  }

  private static ClusterDrainFigures.Run drain(Fixture fixture, ClusterDrainFigures f, Settings settings, int processes,
      List<String> nodes) throws Exception {
    String namespace = fixture.namespace(SystemNames.CLUSTER_DRAIN, "p" + processes);
    String table = fixture.genericTable(SystemNames.CLUSTER_DRAIN + "_p" + processes);
    OrderCheck.install(fixture.admin(), table);
    // the workers' connections are told apart by this name, so their backends' CPU can be read
    String application = "wbbench-" + fixture.runId + "-p" + processes;
    String childUrl = fixture.jdbcUrl + (fixture.jdbcUrl.contains("?") ? "&" : "?") + "ApplicationName=" + application;
    Path dir = Files.createTempDirectory("wbbench-cluster-drain-");
    List<Process> children = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    // the sink (and its tombstone table) made here first: K children creating it at once race in the catalog
    try (WriteBehind<Long, String> engine = DrainChild.engine(fixture.valkeyUrl, namespace,
        KeyValueTable.sink(fixture.admin(), table), PARTITIONS)) {
      try {
        // one after another: four warm-ups at once on two loaded cores starved Valkey past the 10 s command timeout
        for (int i = 1; i <= processes; i++) {
          String id = "p" + processes + "w" + i;
          ids.add(id);
          Path log = dir.resolve(id + ".log");
          children.add(BenchChild.start(DrainChild.class, log, fixture.valkeyUrl, childUrl, namespace,
              table, Integer.toString(PARTITIONS), id, Integer.toString(settings.warmup())));
          await(children.get(i - 1), log, "READY", Duration.ofMinutes(3));
        }
        fill(engine, f.keys);
        long queued = engine.admin().status().journalLength();
        if (queued != f.writes) {
          throw new IllegalStateException("the journals hold " + queued + " writes before the drain, not " + f.writes);
        }
        fixture.quiet().await();
        try (ComponentCpu cpu = new ComponentCpu(nodes, fixture.admin(), application,
            children.stream().map(Process::pid).toList())) {
          ComponentCpu.Sample before = cpu.sample();
          LeaseSampler leases = new LeaseSampler(engine, ids);
          long t0 = System.nanoTime();
          for (Process c : children) {
            send(c, "GO");
          }
          leases.start(t0);
          engine.flush(Duration.ofMinutes(10));
          double seconds = (System.nanoTime() - t0) / 1e9;
          ComponentCpu.Sample after = cpu.sample();
          QueueStatus settled = leases.settle(SETTLE_MILLIS, f.writes);
          Map<String, Long> flushed = leases.flushed(settled);
          for (int i = 0; i < processes; i++) {
            if (!children.get(i).isAlive()) {
              throw new IllegalStateException("worker process " + ids.get(i) + " died: "
                  + BenchChild.tail(dir.resolve(ids.get(i) + ".log")));
            }
          }
          long behind = OrderCheck.keysBehind(fixture.admin(), table, KEY_BASE, f.keys, VERSIONS);
          long regressions = OrderCheck.regressions(fixture.admin(), table);
          Thread.sleep(1500); // an idle backend reports its statistics (the updates) within a second
          long updates = OrderCheck.updates(fixture.admin(), table);
          ComponentCpu.Spent spent = cpu.between(before, after);
          return new ClusterDrainFigures.Run(processes, seconds, f.writes / seconds, leases.owners(settled),
              leases.even(settled), leases.evenAfterSeconds(), flushed, behind, updates, regressions, per100k(spent, f.writes),
              spent.backendCount());
        }
      } finally {
        for (Process c : children) {
          stop(c);
        }
        engine.admin().purgeNamespace();
        try (var files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  /** Write i goes to key i mod keys, as version i / keys + 1: each key's versions in order, far apart in the journal. */
  private static void fill(WriteBehind<Long, String> engine, int keys) throws Exception {
    Semaphore inFlight = new Semaphore(2000);
    List<CompletableFuture<Long>> all = new ArrayList<>(keys * VERSIONS);
    for (int i = 0; i < keys * VERSIONS; i++) {
      long key = KEY_BASE + i % keys;
      inFlight.acquire();
      all.add(engine.putAsync(key, Payloads.of(key, i / keys + 1), null).whenComplete((v, e) -> inFlight.release()));
    }
    CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).join();
  }

  private static Map<String, Double> per100k(ComponentCpu.Spent s, int writes) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(ClusterDrainFigures.VALKEY, scale(s.valkey(), writes));
    m.put(ClusterDrainFigures.POSTGRES_BACKENDS, scale(s.backends(), writes));
    m.put(ClusterDrainFigures.POSTGRES_SERVER, scale(s.server(), writes));
    m.put(ClusterDrainFigures.WORKERS, scale(s.workers(), writes));
    return m;
  }

  private static Double scale(Double seconds, int writes) {
    return seconds == null ? null : seconds * 100_000 / writes;
  }

  private static void await(Process child, Path log, String word, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!Files.readString(log).lines().anyMatch(word::equals)) {
      if (!child.isAlive()) {
        throw new IllegalStateException("a worker process exited before " + word + ": " + BenchChild.tail(log));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("a worker process said no " + word + " in " + timeout.toSeconds() + " s: "
            + BenchChild.tail(log));
      }
      Thread.sleep(50);
    }
  }

  private static void send(Process child, String line) throws IOException {
    OutputStream in = child.getOutputStream();
    in.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
    in.flush();
  }

  /** STOP: the worker closes and gives its leases back; killed if it has not exited in 30 s. */
  private static void stop(Process child) {
    try {
      send(child, "STOP");
      child.getOutputStream().close();
      if (!child.waitFor(30, TimeUnit.SECONDS)) {
        child.destroyForcibly();
        child.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      child.destroyForcibly(); // its stdin is gone: it is exiting or dead already
    } catch (InterruptedException e) {
      child.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Lease owners read from {@code status} every {@value #STATUS_EVERY_MILLIS} ms in a thread of its own. */
  private static final class LeaseSampler {
    private final WriteBehind<Long, String> engine;
    private final List<String> ids;
    private volatile Double evenAfter;
    private volatile boolean stop;
    private Thread thread;
    private long t0;

    LeaseSampler(WriteBehind<Long, String> engine, List<String> ids) {
      this.engine = engine;
      this.ids = ids;
    }

    void start(long t0) {
      this.t0 = t0;
      thread = new Thread(() -> {
        while (!stop) {
          try {
            observe(engine.admin().status());
            Thread.sleep(STATUS_EVERY_MILLIS);
          } catch (InterruptedException e) {
            return;
          } catch (RuntimeException e) {
            // a status read that failed is a sample missed, not a failed drain
          }
        }
      }, "wbbench-lease-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    private void observe(QueueStatus s) {
      if (evenAfter == null && even(s)) {
        evenAfter = (System.nanoTime() - t0) / 1e9;
      }
    }

    /**
     * Keeps sampling until the leases are spread evenly and the heartbeats (one per lease
     * round) count all {@code writes} flushed, or {@code millis} passed; the last status.
     */
    QueueStatus settle(long millis, long writes) throws InterruptedException {
      long deadline = System.currentTimeMillis() + millis;
      QueueStatus s = engine.admin().status();
      while ((!even(s) || flushed(s).values().stream().mapToLong(Long::longValue).sum() < writes)
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(STATUS_EVERY_MILLIS);
        s = engine.admin().status();
        observe(s);
      }
      stop = true;
      thread.interrupt();
      thread.join(5_000);
      return s;
    }

    /** Writes flushed per worker process, as its last heartbeat counted them. */
    Map<String, Long> flushed(QueueStatus s) {
      Map<String, Long> m = new TreeMap<>();
      ids.forEach(id -> m.put(id, 0L));
      for (WorkerInfo w : s.workers()) {
        if (ids.contains(w.id())) {
          m.put(w.id(), w.flushed());
        }
      }
      return m;
    }

    Double evenAfterSeconds() {
      return evenAfter;
    }

    /** Partitions per worker process, every process listed (0 when it holds none). */
    Map<String, Integer> owners(QueueStatus s) {
      Map<String, Integer> m = new TreeMap<>();
      ids.forEach(id -> m.put(id, 0));
      for (PartitionStatus p : s.partitions()) {
        if (p.leaseOwner() != null) {
          m.merge(p.leaseOwner(), 1, Integer::sum);
        }
      }
      return m;
    }

    /** Every partition held by one of the processes, and none holding more than one above another. */
    boolean even(QueueStatus s) {
      Map<String, Integer> m = owners(s);
      if (!ids.containsAll(m.keySet()) || m.values().stream().mapToInt(Integer::intValue).sum() != PARTITIONS) {
        return false;
      }
      int max = m.values().stream().mapToInt(Integer::intValue).max().orElse(0);
      int min = m.values().stream().mapToInt(Integer::intValue).min().orElse(0);
      return max - min <= 1;
    }
  }
}
