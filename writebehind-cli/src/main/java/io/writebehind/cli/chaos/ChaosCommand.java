package io.writebehind.cli.chaos;

import com.zaxxer.hikari.HikariDataSource;
import io.writebehind.cli.CliException;
import io.writebehind.cli.OptionChecks;
import io.writebehind.cli.ServerUrls;
import io.writebehind.cli.Session;
import io.writebehind.cli.Workload;
import io.writebehind.Counters;
import io.writebehind.Events;
import io.writebehind.flights.FlightReport;
import io.writebehind.WriteBehind;
import io.writebehind.admin.Admin;
import io.writebehind.flights.Flight;
import io.writebehind.flights.FlightsGenerator;
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
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Promise 2 and 3 under fire, on real servers: writers acknowledged through the engine,
 * worker processes killed with kill -9, database connections cut, the local database and
 * Valkey restarted; at the end every acknowledged write must be in the database (and the
 * cache), and no sampled database version may ever have gone back. With the views workload,
 * increments instead: every flight's database total must gain exactly its acknowledged ones;
 * with the events workload, position reports: each acknowledged one must be stored once.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Write through the engine while killing worker processes (kill -9), cutting database connections and "
        + "restarting the local servers; then check that every acknowledged write reached the database.",
        "Ends with: acknowledged=N lost=L regressions=R dead_letters=D window_p99_ms=X (exit 1 when lost or regressions > 0);",
        "with --workload views: acknowledged=N lost=L double_applied=D in_doubt=I dead_letters=X (exit 1 when lost or "
            + "double_applied > 0);",
        "with --workload events: acknowledged=N lost=L duplicated=D in_doubt=I in_doubt_landed=U dead_letters=X (exit 1 when "
            + "lost or duplicated > 0)."})
public final class ChaosCommand implements Callable<Integer> {
  @Option(names = "--workload", paramLabel = Workload.CHOICES, defaultValue = "overwrite",
      description = "overwrite: new times of flights, the newest acknowledged must win; views: +1 to views of flights in flight_stats, "
          + "each acknowledged one counted once; events: position reports of flights in flight_event, each acknowledged one "
          + "stored once (default ${DEFAULT-VALUE})")
  String workload;

  @Option(names = "--duration", defaultValue = "60s", converter = DurationConverter.class,
      description = "How long writers write under faults (default ${DEFAULT-VALUE})")
  Duration duration;

  @Option(names = "--workers", defaultValue = "3", description = "Worker processes (default ${DEFAULT-VALUE})")
  int workers;

  @Option(names = "--writers", defaultValue = "4", description = "Writer threads in this process (default ${DEFAULT-VALUE})")
  int writers;

  @Option(names = "--keys", defaultValue = "200", description = "Flights written: ids 1..K, except the demo's flight " + FlightsGenerator.DEMO_FLIGHT_ID
      + " (default ${DEFAULT-VALUE})")
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

  @Option(names = "--ack-log", paramLabel = "FILE",
      description = "Write flight_id,version,departure,arrival for every acknowledged write (views: flight_id,delta,total; "
          + "events: event_id,flight_id)")
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

  @Option(names = "--cluster", description = "Start a Valkey Cluster of its own (3 primaries, 3 replicas, on loopback; needs "
      + "valkey-server and valkey-cli) and, per --durability level, lose a primary under load by kill -9 and by a manual "
      + "CLUSTER FAILOVER; one line each: durability=L fault=F acknowledged=N lost=L regressions=R ... (exit 1 when a "
      + "replicas=N level loses a write or a version goes back). --duration is then per level (default 30s), --keys 20000; "
      + "the fault options do not apply")
  boolean cluster;

  @Option(names = "--durability", paramLabel = "LEVELS", defaultValue = "memory,replicas=1",
      description = "With --cluster: the levels to run, comma-separated: memory, aof, replicas=1 (default ${DEFAULT-VALUE})")
  String durability;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    EventLog log = new EventLog(System.nanoTime());
    validate();
    if (cluster) {
      return ClusterChaos.run(this, given("--keys"), given("--duration"), log);
    }
    if (given("--durability")) {
      throw CliException.badInput("--durability goes with --cluster (the levels a failover is measured at)");
    }
    Workload w = Workload.of(workload);
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

    System.out.printf(Locale.ROOT, "chaos%s: %s, %d worker processes, %d writers at %s writes/s, %d flights, seed %d, namespace %s%n",
        w == Workload.OVERWRITE ? "" : " (" + w.label() + ")", EventLog.human(duration), workers, writers,
        rate <= 0 ? "max" : String.format(Locale.ROOT, "%.0f", rate),
        w == Workload.OVERWRITE ? io.writebehind.cli.FlightKeys.upTo(keys).length : keys, s, ns);
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

    Plan plan = new Plan(v, d, dialect, ns, s, logs, restarts, localDb, localValkey, log);
    try (HikariDataSource pool = ChaosSetup.openPool(d, dialect)) {
      if (w == Workload.VIEWS) {
        try (Counters<Long> counters = ChaosSetup.openCounters(v, pool, ns, partitions)) {
          return guarded(counters.admin(), ns, () -> ChaosSetup.forgetPositions(pool, ns),
              cleanup -> views(pool, counters, plan, cleanup));
        }
      }
      if (w == Workload.EVENTS) {
        try (Events<Long, FlightReport> events = ChaosSetup.openEvents(v, pool, dialect, ns, partitions)) {
          return guarded(events.admin(), ns, () -> ChaosSetup.forgetPositions(pool, ns),
              cleanup -> events(pool, events, plan, cleanup));
        }
      }
      try (WriteBehind<Long, Flight> engine = ChaosSetup.openEngine(v, ns, partitions)) {
        return guarded(engine.admin(), ns, null, cleanup -> overwrite(pool, engine, plan, cleanup));
      }
    }
  }

  /** What a run is given: its servers, namespace, seed, logs, local servers and timeline. */
  private record Plan(String valkeyUrl, String jdbcUrl, Dialect dialect, String namespace, long seed, Path logs,
      LocalRestarts restarts, boolean localDb, boolean localValkey, EventLog log) {}

  /** What the writers and the workers did under the faults. */
  private record Phase(String flushProblem, FaultCounts counts) {}

  private interface Body {
    int run(Cleanup cleanup) throws Exception;
  }

  /** Runs the body with the cleanup run at its end, or on Ctrl-C or SIGTERM: stop writing, kill the workers, remove the run's keys. */
  private int guarded(Admin admin, String ns, Runnable forget, Body body) throws Exception {
    Cleanup cleanup = new Cleanup(admin, ns, forget);
    Thread hook = new Thread(cleanup, "chaos-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return body.run(cleanup);
    } finally {
      cleanup.run();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run
      }
    }
  }

  /** Flights' times overwritten: every acknowledged write's newest must be in the database, no version going back. */
  private int overwrite(HikariDataSource pool, WriteBehind<Long, Flight> engine, Plan p, Cleanup cleanup) throws Exception {
    engine.admin().durabilityWarnings().forEach(w -> System.out.println("warning: " + w));
    Map<Long, Flight> base = ChaosSetup.prepareFlights(pool, p.dialect(), keys);
    Ledger ledger = new Ledger();
    try (WorkerFleet fleet = cleanup.fleet = fleet(p, List.of());
        BufferedWriter acks = ackLog == null ? null : Files.newBufferedWriter(ackLog, StandardCharsets.UTF_8)) {
      VersionSampler sampler = new VersionSampler(p.jdbcUrl(), keys, 100, ledger);
      Writers writing = new Writers(engine, base, ledger, acks);
      cleanup.writing = writing;
      FaultInjector.Progress progress = new FaultInjector.Progress(ledger::acknowledged, writing::errors,
          () -> ", regressions " + ledger.regressions());
      Phase phase = underFaults(p, fleet, engine.admin(), engine::flush, progress, writing, () -> {
        sampler.start();
        writing.start(writers, p.seed(), rate);
      });
      sampler.stop();
      sampler.lastSample();
      sampler.close();
      fleet.close();
      phase.counts().unexpectedExits = fleet.unexpectedExits();
      FinalCheck.Outcome outcome = FinalCheck.run(pool, keys, engine, ledger);
      long deadLetters = engine.admin().status().deadLetters();
      ChaosReport.print(ledger, writing, sampler, phase.counts(), outcome, deadLetters, phase.flushProblem());
      boolean failed = outcome.lost() > 0 || ledger.regressions() > 0 || outcome.cacheDiffers() > 0;
      return failed ? CliException.FAILED : 0;
    }
  }

  /** Views of flights counted: each flight's database total must gain exactly its acknowledged increments. */
  private int views(HikariDataSource pool, Counters<Long> counters, Plan p, Cleanup cleanup) throws Exception {
    counters.admin().durabilityWarnings().forEach(w -> System.out.println("warning: " + w));
    Map<Long, Long> before = ViewCheck.before(pool, keys);
    try (WorkerFleet fleet = cleanup.fleet = fleet(p, List.of("--counters"));
        BufferedWriter acks = ackLog == null ? null : Files.newBufferedWriter(ackLog, StandardCharsets.UTF_8)) {
      ViewWriters writing = new ViewWriters(counters, keys, acks);
      cleanup.writing = writing;
      FaultInjector.Progress progress = new FaultInjector.Progress(writing::acknowledged, writing::errors,
          () -> ", in doubt " + writing.inDoubt());
      Phase phase = underFaults(p, fleet, counters.admin(), counters::flush, progress, writing,
          () -> writing.start(writers, p.seed(), rate));
      fleet.close();
      phase.counts().unexpectedExits = fleet.unexpectedExits();
      ViewCheck.Outcome outcome = ViewCheck.run(pool, keys, counters, before, writing);
      long deadLetters = counters.admin().status().deadLetters();
      ChaosReport.printViews(writing, phase.counts(), outcome, deadLetters, phase.flushProblem());
      boolean failed = outcome.lost() > 0 || outcome.doubleApplied() > 0 || outcome.cacheDiffers() > 0;
      return failed ? CliException.FAILED : 0;
    }
  }

  /** Position reports appended: each acknowledged one must be in flight_event once, none twice. */
  private int events(HikariDataSource pool, Events<Long, FlightReport> events, Plan p, Cleanup cleanup) throws Exception {
    events.admin().durabilityWarnings().forEach(w -> System.out.println("warning: " + w));
    try (WorkerFleet fleet = cleanup.fleet = fleet(p, List.of("--events"));
        BufferedWriter acks = ackLog == null ? null : Files.newBufferedWriter(ackLog, StandardCharsets.UTF_8)) {
      EventWriters writing = new EventWriters(events, keys, acks);
      cleanup.writing = writing;
      FaultInjector.Progress progress = new FaultInjector.Progress(writing::acknowledged, writing::errors,
          () -> ", in doubt " + writing.inDoubt());
      Phase phase = underFaults(p, fleet, events.admin(), events::flush, progress, writing,
          () -> writing.start(writers, p.seed(), rate));
      fleet.close();
      phase.counts().unexpectedExits = fleet.unexpectedExits();
      EventCheck.Outcome outcome = EventCheck.run(pool, writing.acknowledgedIds());
      long deadLetters = events.admin().status().deadLetters();
      ChaosReport.printEvents(writing, phase.counts(), outcome, deadLetters, phase.flushProblem());
      return outcome.lost() > 0 || outcome.duplicated() > 0 ? CliException.FAILED : 0;
    }
  }

  /** The worker processes; the URLs go to them through their environment: arguments show in ps, passwords and all. */
  private WorkerFleet fleet(Plan p, List<String> extraArgs) {
    List<String> workerArgs = new ArrayList<>(List.of("--namespace", p.namespace(),
        "--partitions", Integer.toString(partitions), "--lease-ttl-ms", Long.toString(leaseTtlMs), "--linger-ms", "10"));
    workerArgs.addAll(extraArgs);
    return new WorkerFleet("chaos", workers, workerArgs, Map.of("VALKEY_URL", p.valkeyUrl(), "DATABASE_URL", p.jdbcUrl()), p.logs());
  }

  /**
   * The fault plan, whatever the writers write: the workers up, the writers started, faults
   * until the duration is over, the writers stopped, the servers up again, and the workers
   * given the time to drain.
   */
  private Phase underFaults(Plan p, WorkerFleet fleet, Admin admin, Consumer<Duration> flush, FaultInjector.Progress progress,
      WriterThreads writing, Runnable startWriting) throws Exception {
    FaultInjector faults = new FaultInjector(
        new FaultInjector.Schedule(killEvery, cutEvery, dbRestartEvery, dbDownFor, valkeyRestartEvery), p.log());
    fleet.startAll();
    if (!fleet.awaitReady(Duration.ofSeconds(120))) {
      throw new CliException(CliException.FAILED, "the worker processes did not start within 120 s; see " + p.logs());
    }
    ConnectionCutter cutter = new ConnectionCutter(p.jdbcUrl(), p.dialect(), () -> {
      List<Long> pids = new ArrayList<>(fleet.pids());
      pids.add(ProcessHandle.current().pid());
      return pids;
    });
    startWriting.run();
    faults.run(duration, new Random(p.seed()), fleet, cutter, p.localDb() ? p.restarts() : null,
        p.localValkey() ? p.restarts() : null, admin, progress);
    writing.stop();
    p.log().event("writers stopped; letting the workers drain");
    if (p.restarts() != null) {
      p.restarts().ensureUp();
    }
    return new Phase(Drain.await(flush, fleet, flushTimeout, p.log()), faults.counts());
  }

  /**
   * What every run ends with, however it ends (done, failed, Ctrl-C, SIGTERM): the writers
   * stopped and the workers killed, so that nothing writes any more, then the run's keys
   * removed (unless --keep-namespace). Runs once.
   */
  private final class Cleanup implements Runnable {
    private final Admin admin;
    private final String namespace;
    private final Runnable forget;
    volatile WorkerFleet fleet;
    volatile WriterThreads writing;
    private boolean done;

    /** {@code forget}, if not null, runs after the keys are removed: the run's rows of its own elsewhere. */
    Cleanup(Admin admin, String namespace, Runnable forget) {
      this.admin = admin;
      this.namespace = namespace;
      this.forget = forget;
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
        admin.purgeNamespace();
        if (forget != null) {
          forget.run();
        }
      } catch (RuntimeException e) {
        System.err.println("writebehind: could not remove the keys of namespace " + namespace + ": "
            + ServerUrls.scrub(String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
      }
    }
  }

  private boolean given(String option) {
    return spec.commandLine().getParseResult().hasMatchedOption(option);
  }

  private void validate() {
    OptionChecks.positive(spec, "--duration", duration);
    OptionChecks.between("--workers", workers, 1, 64);
    OptionChecks.between("--writers", writers, 1, 256);
    OptionChecks.atLeast("--keys", keys, 1);
    Map<String, Duration> intervals = Map.of("--kill-every", killEvery, "--cut-every", cutEvery,
        "--db-restart-every", dbRestartEvery, "--valkey-restart-every", valkeyRestartEvery, "--db-down-for", dbDownFor);
    intervals.forEach((option, every) -> OptionChecks.zeroOrPositive(spec, option, every));
    OptionChecks.positive(spec, "--flush-timeout", flushTimeout);
    if (!(rate >= 0) || Double.isInfinite(rate)) {
      throw CliException.badInput("--rate must be 0 (no limit) or a positive number of writes per second, was " + rate);
    }
    OptionChecks.partitions(partitions);
    OptionChecks.atLeast("--lease-ttl-ms", leaseTtlMs, 300);
  }
}
