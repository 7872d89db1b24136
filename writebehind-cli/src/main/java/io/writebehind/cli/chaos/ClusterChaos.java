package io.writebehind.cli.chaos;

import com.zaxxer.hikari.HikariDataSource;
import io.writebehind.Durability;
import io.writebehind.WriteBehind;
import io.writebehind.cli.CliException;
import io.writebehind.cli.OptionChecks;
import io.writebehind.cli.ServerUrls;
import io.writebehind.cli.Session;
import io.writebehind.cli.local.LocalCluster;
import io.writebehind.cli.local.LocalServers;
import io.writebehind.flights.Flight;
import io.writebehind.jdbc.Dialect;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code chaos --cluster}: a Valkey Cluster of its own (3 primaries, a replica each, on
 * loopback), writers in this process and worker processes draining it; for each durability
 * level asked, a primary is lost under load twice, once by kill -9 and once by a manual
 * {@code CLUSTER FAILOVER}, and after each the workers drain and every acknowledged write is
 * checked in the database (the same ledger, sampler and final check as {@code chaos}). One
 * line per level and fault: {@code durability=L fault=F acknowledged=N lost=L regressions=R ...}.
 */
final class ClusterChaos {
  /** Keys written in rounds, so that every acknowledged write of a phase is checked (see {@link Writers}). */
  static final int DEFAULT_KEYS = 20_000;
  static final Duration DEFAULT_DURATION = Duration.ofSeconds(30);
  private static final Duration DURABILITY_TIMEOUT = Duration.ofSeconds(1);
  /** Writes go on this long after the cluster is whole again: the moved slots must take writes too. */
  private static final long AFTER_FAULT_NANOS = 3_000_000_000L;

  private final ChaosCommand o;
  private final List<Durability> levels;
  private final int keys;
  private final Duration perLevel;
  private final EventLog log;
  private String jdbcUrl;

  private ClusterChaos(ChaosCommand options, List<Durability> levels, int keys, Duration perLevel, EventLog log) {
    this.o = options;
    this.levels = levels;
    this.keys = keys;
    this.perLevel = perLevel;
    this.log = log;
  }

  /** What one level and fault came to. */
  private record Result(Durability level, ClusterFault fault, long acknowledged, long failed, FinalCheck.Outcome outcome,
      long regressions, String flushProblem) {
    boolean broken() {
      // Only WAIT N promises that an acknowledged write outlives its primary; no level may let the database go back.
      return regressions > 0 || level.replicas() > 0 && outcome.lost() > 0 || flushProblem != null;
    }
  }

  /** Checks the options that only make sense with {@code --cluster}, then runs; the exit code. */
  static int run(ChaosCommand options, boolean keysGiven, boolean durationGiven, EventLog log) throws Exception {
    if (options.valkeyUrl != null) {
      throw CliException.badInput("--cluster starts a local Valkey Cluster of its own (it kills its nodes); drop --valkey-url "
          + ServerUrls.redact(options.valkeyUrl));
    }
    if (!options.workload.equals("overwrite")) {
      throw CliException.badInput("--cluster runs the overwrite workload only, not --workload " + options.workload);
    }
    List<Durability> levels = levels(options.durability);
    if (!LocalCluster.available()) {
      throw CliException.badInput("--cluster needs valkey-server and valkey-cli on PATH (they make the local cluster)");
    }
    int keys = keysGiven ? options.keys : DEFAULT_KEYS;
    Duration perLevel = durationGiven ? options.duration : DEFAULT_DURATION;
    return new ClusterChaos(options, levels, keys, perLevel, log).run();
  }

  /** {@code memory,replicas=1}: the levels in order; one replica per primary, so no level may ask for more. */
  static List<Durability> levels(String text) {
    List<Durability> out = new ArrayList<>();
    for (String part : text.split(",")) {
      Durability d = OptionChecks.durability("--durability", part, DURABILITY_TIMEOUT);
      if (d.replicas() > 1) {
        throw CliException.badInput("--durability " + part.trim() + ": the local cluster has one replica per primary, so no write"
            + " could reach " + d.replicas());
      }
      if (!out.contains(d)) {
        out.add(d);
      }
    }
    return out;
  }

  private int run() throws Exception {
    long seed = o.seed != null ? o.seed : ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
    String ns = o.namespace != null ? o.namespace : "chaos-cluster-" + Long.toHexString(ThreadLocalRandom.current().nextLong(0x100000, 0xffffff));
    jdbcUrl = database();
    Dialect dialect;
    try {
      dialect = Dialect.fromJdbcUrl(jdbcUrl);
    } catch (IllegalArgumentException e) {
      throw CliException.badInput(e.getMessage());
    }
    Path dir = o.logDir != null ? Files.createDirectories(o.logDir) : Files.createTempDirectory("writebehind-chaos-cluster-");
    System.out.printf(Locale.ROOT, "chaos --cluster: 3 primaries + 3 replicas on loopback; levels %s; per level %s (half before and"
            + " after a kill -9, half around a manual failover); %d worker processes, %d writers at %s writes/s, flights 1..%d"
            + " in turn, seed %d, namespace %s%n", String.join(",", labels()), EventLog.human(perLevel), o.workers, o.writers,
        o.rate <= 0 ? "max" : String.format(Locale.ROOT, "%.0f", o.rate), keys, seed, ns);
    System.out.println("database " + ServerUrls.redact(jdbcUrl) + "; cluster nodes and worker logs in " + dir);
    boolean aof = levels.stream().anyMatch(Durability::aof);
    log.event("starting the cluster");
    List<Result> results = new ArrayList<>();
    try (HikariDataSource pool = ChaosSetup.openPool(jdbcUrl, dialect);
        LocalCluster cluster = startCluster(dir.resolve("cluster"), aof)) {
      log.event("cluster up: nodes " + cluster.ports() + ", primaries " + cluster.primaries());
      try (WorkerFleet fleet = fleet(cluster, jdbcUrl, ns, Files.createDirectories(dir.resolve("workers")));
          BufferedWriter acks = o.ackLog == null ? null : Files.newBufferedWriter(o.ackLog, StandardCharsets.UTF_8)) {
        // The worker JVMs start while the flights are read: both take seconds on a busy machine.
        fleet.startAll();
        Map<Long, Flight> base = ChaosSetup.prepareFlights(pool, dialect, keys);
        if (!fleet.awaitReady(Duration.ofSeconds(120))) {
          throw new CliException(CliException.FAILED, "the worker processes did not start within 120 s; see " + dir.resolve("workers"));
        }
        Random random = new Random(seed);
        for (Durability level : levels) {
          try (WriteBehind<Long, Flight> engine = ChaosSetup.openEngine(cluster.url(), ns, o.partitions, level)) {
            for (ClusterFault fault : ClusterFault.values()) {
              Result r = phase(cluster, pool, engine, fleet, base, acks, level, fault, random, seed + results.size());
              results.add(r);
              ChaosReport.printCluster(label(level), fault.label(), r.acknowledged(), r.failed(), r.outcome(), r.regressions(),
                  r.flushProblem());
            }
          }
        }
      }
    }
    ChaosReport.printClusterNote();
    return results.stream().anyMatch(Result::broken) ? CliException.FAILED : 0;
  }

  /**
   * One fault under load: writers start, the fault strikes a third of the way in, writing
   * goes on until the half level is over (and at least a few seconds after the cluster is
   * whole again), then the workers drain and the database is checked against the ledger.
   */
  private Result phase(LocalCluster cluster, HikariDataSource pool, WriteBehind<Long, Flight> engine, WorkerFleet fleet,
      Map<Long, Flight> base, BufferedWriter acks, Durability level, ClusterFault fault, Random random, long seed)
      throws Exception {
    long length = perLevel.toNanos() / 2;
    long start = System.nanoTime();
    log.event("durability " + label(level) + ", fault " + fault.label() + ": writing");
    Ledger ledger = new Ledger();
    // 20,000 rows every 100 ms would be most of a small machine's work: every 500 ms.
    VersionSampler sampler = new VersionSampler(jdbcUrl, keys, keys > 2_000 ? 500 : 100, ledger);
    Writers writing = new Writers(engine, base, ledger, acks, true);
    sampler.start();
    writing.start(o.writers, seed, o.rate);
    String problem;
    try {
      Thread.sleep(length / 3 / 1_000_000);
      log.event(String.format(Locale.ROOT, "%,d acknowledged, %,d failed before the fault", ledger.acknowledged(), writing.errors()));
      log.event(fault.inject(cluster, random));
      long whole = System.nanoTime();
      long end = Math.max(start + length, whole + AFTER_FAULT_NANOS);
      Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
    } finally {
      writing.stop();
    }
    log.event(String.format(Locale.ROOT, "writers stopped: %,d acknowledged, %,d failed%s; letting the workers drain",
        ledger.acknowledged(), writing.errors(), writing.lastError() == null ? "" : " (last: " + writing.lastError() + ")"));
    problem = Drain.await(engine::flush, fleet, o.flushTimeout, log);
    sampler.stop();
    sampler.lastSample();
    sampler.close();
    FinalCheck.Outcome outcome = FinalCheck.run(pool, keys, engine, ledger);
    return new Result(level, fault, ledger.acknowledged(), writing.errors(), outcome, ledger.regressions(), problem);
  }

  private LocalCluster startCluster(Path dir, boolean aof) {
    try {
      return LocalCluster.start(dir, 3, 1, 0, aof);
    } catch (RuntimeException e) {
      throw new CliException(CliException.FAILED, "could not start the local cluster: " + EventLog.firstLine(e.getMessage())
          + " (node logs in " + dir + ")", e);
    }
  }

  /** The URLs go to the workers through their environment, as in {@code chaos}. */
  private WorkerFleet fleet(LocalCluster cluster, String jdbcUrl, String ns, Path logs) {
    List<String> args = List.of("--namespace", ns, "--partitions", Integer.toString(o.partitions),
        "--lease-ttl-ms", Long.toString(o.leaseTtlMs), "--linger-ms", "10");
    return new WorkerFleet("chaos-cluster", o.workers, args, Map.of("VALKEY_URL", cluster.url(), "DATABASE_URL", jdbcUrl), logs);
  }

  /** --database-url, else $DATABASE_URL, else the local PostgreSQL under .writebehind/. */
  private String database() {
    String d = ServerUrls.database(o.databaseUrl);
    if (d != null) {
      return d;
    }
    try {
      return LocalServers.open(Session.home()).jdbcUrl();
    } catch (IOException | RuntimeException e) {
      throw new CliException(CliException.UNREACHABLE, "could not start the local servers under " + Session.home() + ": "
          + EventLog.firstLine(e.getMessage()), e);
    }
  }

  private List<String> labels() {
    return levels.stream().map(ClusterChaos::label).toList();
  }

  /** A level as the command line names it. */
  static String label(Durability d) {
    if (!d.waits()) {
      return "memory";
    }
    return d.replicas() == 0 ? "aof" : "replicas=" + d.replicas() + (d.aof() ? "+aof" : "");
  }
}
