package io.writebehind.cli.chaos;

import com.zaxxer.hikari.HikariDataSource;
import io.writebehind.cli.CliException;
import io.writebehind.cli.ServerUrls;
import io.writebehind.cli.Session;
import io.writebehind.WriteBehind;
import io.writebehind.flights.Flight;
import io.writebehind.jdbc.Dialect;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Promise 2 and 3 under fire, on real servers: writers acknowledged through the engine,
 * worker processes killed with kill -9, database connections cut, the local database and
 * Valkey restarted; at the end every acknowledged write must be in the database (and the
 * cache), and no sampled database version may ever have gone back.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Write through the engine while killing worker processes (kill -9), cutting database connections and "
        + "restarting the local servers; then check that every acknowledged write reached the database.",
        "Ends with: acknowledged=N lost=L regressions=R dead_letters=D window_p99_ms=X (exit 1 when lost or regressions > 0)."})
public final class ChaosCommand implements Callable<Integer> {
  @Option(names = "--duration", defaultValue = "60s", converter = DurationConverter.class,
      description = "How long writers write under faults (default ${DEFAULT-VALUE})")
  Duration duration;

  @Option(names = "--workers", defaultValue = "3", description = "Worker processes (default ${DEFAULT-VALUE})")
  int workers;

  @Option(names = "--writers", defaultValue = "4", description = "Writer threads in this process (default ${DEFAULT-VALUE})")
  int writers;

  @Option(names = "--keys", defaultValue = "200", description = "Flights written: ids 1..K (default ${DEFAULT-VALUE})")
  int keys;

  @Option(names = "--rate", defaultValue = "1000", description = "Writes per second, all writers together; 0 = as fast as possible (default ${DEFAULT-VALUE})")
  double rate;

  @Option(names = "--kill-every", defaultValue = "3s", converter = DurationConverter.class,
      description = "kill -9 of a random worker (restarted at once); 0 = never (default ${DEFAULT-VALUE})")
  Duration killEvery;

  @Option(names = "--cut-every", defaultValue = "5s", converter = DurationConverter.class,
      description = "Cut this run's database connections; 0 = never (default ${DEFAULT-VALUE})")
  Duration cutEvery;

  @Option(names = "--db-restart-every", defaultValue = "20s", converter = DurationConverter.class,
      description = "Stop and restart the database, when it is the local one; 0 = never (default ${DEFAULT-VALUE})")
  Duration dbRestartEvery;

  @Option(names = "--db-down-for", defaultValue = "3s", converter = DurationConverter.class,
      description = "How long the database stays down in a restart (default ${DEFAULT-VALUE})")
  Duration dbDownFor;

  @Option(names = "--valkey-restart-every", defaultValue = "25s", converter = DurationConverter.class,
      description = "Restart Valkey (AOF on), when it is the local one; 0 = never (default ${DEFAULT-VALUE})")
  Duration valkeyRestartEvery;

  @Option(names = "--seed", description = "Seed of the writers' and the faults' random choices (default: random, printed)")
  Long seed;

  @Option(names = "--lease-ttl-ms", defaultValue = "1000", description = "Workers' lease TTL: how soon a killed worker's partitions move (default ${DEFAULT-VALUE})")
  long leaseTtlMs;

  @Option(names = "--flush-timeout", defaultValue = "180s", converter = DurationConverter.class,
      description = "How long the workers get to drain after the writers stop (default ${DEFAULT-VALUE})")
  Duration flushTimeout;

  @Option(names = "--ack-log", paramLabel = "FILE", description = "Write flight_id,version,departure,arrival for every acknowledged write")
  Path ackLog;

  @Option(names = "--log-dir", paramLabel = "DIR", description = "Where the worker processes' logs go (default: a new temporary folder)")
  Path logDir;

  @Option(names = "--keep-namespace", description = "Leave the run's keys in Valkey for a look afterwards")
  boolean keepNamespace;

  @Option(names = "--valkey-url", paramLabel = "URL", description = "Default: $VALKEY_URL, else the local server under .writebehind/ (then restarted as a fault)")
  String valkeyUrl;

  @Option(names = "--database-url", paramLabel = "JDBC_URL",
      description = "PostgreSQL or MariaDB. Default: $DATABASE_URL, else the local PostgreSQL under .writebehind/ (then restarted as a fault)")
  String databaseUrl;

  @Option(names = "--namespace", paramLabel = "NAME", description = "Default: chaos-<random>, removed at the end")
  String namespace;

  @Option(names = "--partitions", defaultValue = "16", description = "Journal partitions (default ${DEFAULT-VALUE})")
  int partitions;

  @Override
  public Integer call() throws Exception {
    EventLog log = new EventLog(System.nanoTime());
    validate();
    long s = seed != null ? seed : ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
    String ns = namespace != null ? namespace : "chaos-" + Long.toHexString(ThreadLocalRandom.current().nextLong(0x100000, 0xffffff));
    ChaosSetup.Servers servers = ChaosSetup.servers(valkeyUrl, databaseUrl);
    String v = servers.valkeyUrl();
    String d = servers.jdbcUrl();
    boolean localValkey = servers.localValkey();
    boolean localDb = servers.localDb();
    Dialect dialect;
    try {
      dialect = Dialect.fromJdbcUrl(d);
    } catch (IllegalArgumentException e) {
      throw CliException.badInput(e.getMessage());
    }
    Path logs = logDir != null ? Files.createDirectories(logDir) : Files.createTempDirectory("writebehind-chaos-");
    LocalRestarts restarts = localValkey || localDb ? new LocalRestarts(Session.home()) : null;

    System.out.printf(Locale.ROOT, "chaos: %s, %d worker processes, %d writers at %s writes/s, %d flights, seed %d, namespace %s%n",
        EventLog.human(duration), workers, writers, rate <= 0 ? "max" : String.format(Locale.ROOT, "%.0f", rate), keys, s, ns);
    System.out.printf("servers: Valkey %s%s, database %s%s%n", ServerUrls.redact(v), localValkey ? " (local)" : "",
        ServerUrls.redact(d), localDb ? " (local)" : "");
    System.out.println("worker logs: " + logs);
    List<String> skipped = new ArrayList<>();
    if (!localDb && !dbRestartEvery.isZero()) {
      skipped.add("database restarts skipped: the database is not a local server this command manages (only its connections are cut)");
    }
    if (!localValkey && !valkeyRestartEvery.isZero()) {
      skipped.add("Valkey restarts skipped: Valkey is not a local server this command manages (unset VALKEY_URL to use the local one)");
    }
    skipped.forEach(System.out::println);

    try (HikariDataSource pool = ChaosSetup.openPool(d, dialect);
        WriteBehind<Long, Flight> engine = ChaosSetup.openEngine(v, ns, partitions)) {
      Cleanup cleanup = new Cleanup(engine, ns);
      // Ctrl-C or SIGTERM: stop writing, kill the workers, remove the run's keys
      Thread hook = new Thread(cleanup, "chaos-cleanup");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        return run(pool, engine, dialect, v, d, ns, s, logs, restarts, localDb, localValkey, log, cleanup);
      } finally {
        cleanup.run();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running or has run
        }
      }
    }
  }

  private int run(HikariDataSource pool, WriteBehind<Long, Flight> engine, Dialect dialect, String v, String d, String ns,
      long s, Path logs, LocalRestarts restarts, boolean localDb, boolean localValkey, EventLog log, Cleanup cleanup)
      throws Exception {
    engine.admin().durabilityWarnings().forEach(w -> System.out.println("warning: " + w));
    Map<Long, Flight> base = ChaosSetup.prepareFlights(pool, dialect, keys);
    // The URLs go to the workers through their environment: arguments show in ps, passwords and all.
    List<String> workerArgs = List.of("--namespace", ns,
        "--partitions", Integer.toString(partitions), "--lease-ttl-ms", Long.toString(leaseTtlMs), "--linger-ms", "10");
    Map<String, String> workerEnv = Map.of("VALKEY_URL", v, "DATABASE_URL", d);
    Ledger ledger = new Ledger();
    FaultInjector faults = new FaultInjector(
        new FaultInjector.Schedule(killEvery, cutEvery, dbRestartEvery, dbDownFor, valkeyRestartEvery), log);
    try (WorkerFleet fleet = cleanup.fleet = new WorkerFleet(workers, workerArgs, workerEnv, logs);
        BufferedWriter acks = ackLog == null ? null : Files.newBufferedWriter(ackLog, StandardCharsets.UTF_8)) {
      fleet.startAll();
      if (!fleet.awaitReady(Duration.ofSeconds(120))) {
        throw new CliException(CliException.FAILED, "the worker processes did not start within 120 s; see " + logs);
      }
      VersionSampler sampler = new VersionSampler(d, keys, 100, ledger);
      Writers writing = cleanup.writing = new Writers(engine, base, ledger, acks);
      ConnectionCutter cutter = new ConnectionCutter(d, dialect, () -> {
        List<Long> pids = new ArrayList<>(fleet.pids());
        pids.add(ProcessHandle.current().pid());
        return pids;
      });
      sampler.start();
      writing.start(writers, keys, s, rate);
      faults.run(duration, new Random(s), fleet, cutter, localDb ? restarts : null, localValkey ? restarts : null, engine, ledger, writing);
      writing.stop();
      log.event("writers stopped; letting the workers drain");
      if (restarts != null) {
        restarts.ensureUp();
      }
      String flushProblem = Drain.await(engine, fleet, flushTimeout, log);
      sampler.stop();
      sampler.lastSample();
      sampler.close();
      fleet.close();
      faults.counts().unexpectedExits = fleet.unexpectedExits();
      FinalCheck.Outcome outcome = FinalCheck.run(pool, keys, engine, ledger);
      long deadLetters = engine.admin().status().deadLetters();
      ChaosReport.print(ledger, writing, sampler, faults.counts(), outcome, deadLetters, flushProblem);
      boolean failed = outcome.lost() > 0 || ledger.regressions() > 0 || outcome.cacheDiffers() > 0;
      return failed ? CliException.FAILED : 0;
    }
  }

  /**
   * What every run ends with, however it ends (done, failed, Ctrl-C, SIGTERM): the writers
   * stopped and the workers killed, so that nothing writes any more, then the run's keys
   * removed (unless --keep-namespace). Runs once.
   */
  private final class Cleanup implements Runnable {
    private final WriteBehind<Long, Flight> engine;
    private final String namespace;
    volatile WorkerFleet fleet;
    volatile Writers writing;
    private boolean done;

    Cleanup(WriteBehind<Long, Flight> engine, String namespace) {
      this.engine = engine;
      this.namespace = namespace;
    }

    @Override
    public synchronized void run() {
      if (done) {
        return;
      }
      done = true;
      try {
        if (writing != null) {
          writing.stop();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (fleet != null) {
        fleet.killAll();
      }
      if (keepNamespace) {
        return;
      }
      try {
        engine.admin().purgeNamespace();
      } catch (RuntimeException e) {
        System.err.println("writebehind: could not remove the keys of namespace " + namespace + ": "
            + ServerUrls.scrub(String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
      }
    }
  }

  private void validate() {
    if (duration.isNegative() || duration.isZero()) {
      throw CliException.badInput("--duration must be positive, was " + duration);
    }
    if (workers < 1 || workers > 64) {
      throw CliException.badInput("--workers must be between 1 and 64, was " + workers);
    }
    if (writers < 1 || writers > 256) {
      throw CliException.badInput("--writers must be between 1 and 256, was " + writers);
    }
    if (keys < 1) {
      throw CliException.badInput("--keys must be at least 1, was " + keys);
    }
    for (Duration every : List.of(killEvery, cutEvery, dbRestartEvery, valkeyRestartEvery, dbDownFor)) {
      if (every.isNegative()) {
        throw CliException.badInput("fault intervals must be zero (never) or positive, was " + every);
      }
    }
    if (!(rate >= 0) || Double.isInfinite(rate)) {
      throw CliException.badInput("--rate must be 0 (no limit) or a positive number of writes per second, was " + rate);
    }
    if (partitions < 1) {
      throw CliException.badInput("--partitions must be at least 1, was " + partitions);
    }
    if (leaseTtlMs < 300) {
      throw CliException.badInput("--lease-ttl-ms must be at least 300, was " + leaseTtlMs);
    }
  }
}
