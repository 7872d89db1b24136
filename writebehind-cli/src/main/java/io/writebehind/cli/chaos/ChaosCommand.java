package io.writebehind.cli.chaos;

import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.RedisConnectionException;
import io.writebehind.cli.CliException;
import io.writebehind.cli.Session;
import io.writebehind.cli.local.LocalServers;
import io.writebehind.engine.FlushTimeoutException;
import io.writebehind.engine.QueueStatus;
import io.writebehind.engine.WriteBehind;
import io.writebehind.flights.Flight;
import io.writebehind.flights.FlightCodec;
import io.writebehind.flights.FlightRepository;
import io.writebehind.flights.FlightsCounts;
import io.writebehind.flights.FlightsGenerator;
import io.writebehind.flights.FlightsLoader;
import io.writebehind.flights.FlightsSchema;
import io.writebehind.jdbc.DataSources;
import io.writebehind.jdbc.Dialect;
import io.writebehind.jdbc.JdbcUrls;
import io.writebehind.journal.ValkeyConnection;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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

  private long startNanos;

  @Override
  public Integer call() throws Exception {
    startNanos = System.nanoTime();
    validate();
    long s = seed != null ? seed : ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
    String ns = namespace != null ? namespace : "chaos-" + Long.toHexString(ThreadLocalRandom.current().nextLong(0x100000, 0xffffff));
    String v = firstNonBlank(valkeyUrl, System.getenv("VALKEY_URL"));
    String d = firstNonBlank(databaseUrl, System.getenv("DATABASE_URL"));
    boolean localValkey = v == null;
    boolean localDb = d == null;
    if (localValkey || localDb) {
      try {
        LocalServers.Local local = LocalServers.open(Session.home());
        v = localValkey ? local.valkeyUrl() : v;
        d = localDb ? local.jdbcUrl() : d;
      } catch (IOException | RuntimeException e) {
        throw new CliException(CliException.UNREACHABLE, "could not start the local servers under " + Session.home() + ": " + e.getMessage(), e);
      }
    }
    Dialect dialect;
    try {
      dialect = Dialect.fromJdbcUrl(d);
    } catch (IllegalArgumentException e) {
      throw CliException.badInput(e.getMessage());
    }
    Path logs = logDir != null ? Files.createDirectories(logDir) : Files.createTempDirectory("writebehind-chaos-");
    LocalRestarts restarts = localValkey || localDb ? new LocalRestarts(Session.home()) : null;

    System.out.printf(Locale.ROOT, "chaos: %s, %d worker processes, %d writers at %s writes/s, %d flights, seed %d, namespace %s%n",
        human(duration), workers, writers, rate <= 0 ? "max" : String.format(Locale.ROOT, "%.0f", rate), keys, s, ns);
    System.out.printf("servers: Valkey %s%s, database %s%s%n", ValkeyConnection.redact(v), localValkey ? " (local)" : "",
        JdbcUrls.redact(d), localDb ? " (local)" : "");
    System.out.println("worker logs: " + logs);
    List<String> skipped = new ArrayList<>();
    if (!localDb && !dbRestartEvery.isZero()) {
      skipped.add("database restarts skipped: the database is not a local server this command manages (only its connections are cut)");
    }
    if (!localValkey && !valkeyRestartEvery.isZero()) {
      skipped.add("Valkey restarts skipped: Valkey is not a local server this command manages (unset VALKEY_URL to use the local one)");
    }
    skipped.forEach(System.out::println);

    try (HikariDataSource pool = openPool(d, dialect);
        WriteBehind<Long, Flight> engine = openEngine(v, ns)) {
      engine.durabilityWarnings().forEach(w -> System.out.println("warning: " + w));
      Map<Long, Flight> base = prepareFlights(pool, dialect);
      List<String> workerArgs = List.of("--valkey-url", v, "--database-url", d, "--namespace", ns,
          "--partitions", Integer.toString(partitions), "--lease-ttl-ms", Long.toString(leaseTtlMs), "--linger-ms", "10");
      Ledger ledger = new Ledger();
      FaultCounts faults = new FaultCounts();
      try (WorkerFleet fleet = new WorkerFleet(workers, workerArgs, logs);
          BufferedWriter acks = ackLog == null ? null : Files.newBufferedWriter(ackLog, StandardCharsets.UTF_8)) {
        fleet.startAll();
        if (!fleet.awaitReady(Duration.ofSeconds(120))) {
          throw new CliException(CliException.FAILED, "the worker processes did not start within 120 s; see " + logs);
        }
        VersionSampler sampler = new VersionSampler(d, keys, 100, ledger);
        Writers writing = new Writers(engine, base, ledger, acks);
        ConnectionCutter cutter = new ConnectionCutter(d, dialect, () -> {
          List<Long> pids = new ArrayList<>(fleet.pids());
          pids.add(ProcessHandle.current().pid());
          return pids;
        });
        sampler.start();
        writing.start(writers, keys, s, rate);
        runFaults(new Random(s), fleet, cutter, localDb ? restarts : null, localValkey ? restarts : null, engine, ledger, writing, faults);
        writing.stop();
        event("writers stopped; letting the workers drain");
        if (restarts != null) {
          restarts.ensureUp();
        }
        String flushProblem = drain(engine, fleet);
        sampler.stop();
        finalSample(sampler);
        sampler.close();
        fleet.close();
        faults.unexpectedExits = fleet.unexpectedExits();
        FinalCheck.Outcome outcome = FinalCheck.run(pool, keys, engine, ledger);
        long deadLetters = engine.status().deadLetters();
        report(ledger, writing, sampler, faults, outcome, deadLetters, flushProblem);
        if (!keepNamespace) {
          engine.purgeNamespace();
        }
        boolean failed = outcome.lost() > 0 || ledger.regressions() > 0 || outcome.cacheDiffers() > 0;
        return failed ? CliException.FAILED : 0;
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
    if (leaseTtlMs < 300) {
      throw CliException.badInput("--lease-ttl-ms must be at least 300, was " + leaseTtlMs);
    }
  }

  private static HikariDataSource openPool(String url, Dialect dialect) {
    HikariDataSource pool = DataSources.hikari(url, 3, "writebehind-chaos");
    try (Connection c = pool.getConnection()) {
      c.isValid(5);
      FlightsSchema.migrate(pool, dialect);
    } catch (SQLException | RuntimeException e) {
      pool.close();
      throw new CliException(CliException.UNREACHABLE, "cannot use the database at " + JdbcUrls.redact(url) + ": "
          + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
    }
    return pool;
  }

  private WriteBehind<Long, Flight> openEngine(String url, String ns) {
    try {
      return WriteBehind.builder(new FlightCodec()).valkeyUrl(url).namespace(ns).partitions(partitions)
          .commandTimeout(Duration.ofSeconds(5)).build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw CliException.badInput(e.getMessage());
    } catch (RedisConnectionException e) {
      throw new CliException(CliException.UNREACHABLE, "cannot reach Valkey at " + ValkeyConnection.redact(url) + ": " + e.getMessage(), e);
    }
  }

  /** The flights 1..K as the database holds them: what the writers shift the times of. */
  private Map<Long, Flight> prepareFlights(HikariDataSource pool, Dialect dialect) throws SQLException {
    FlightsCounts counts = FlightsLoader.counts(pool, dialect);
    if (counts.flights() == 0) {
      long n = Math.max(keys, FlightsGenerator.DEMO_FLIGHT_ID);
      System.out.printf("loading %,d sample flights (first use)...%n", n);
      FlightsLoader.load(pool, dialect, n, FlightsGenerator.DEFAULT_SEED, FlightsLoader.Progress.NONE);
    }
    FlightRepository repository = new FlightRepository(pool, dialect);
    Map<Long, Flight> base = new HashMap<>();
    for (long id = 1; id <= keys; id++) {
      long flightId = id;
      base.put(id, repository.find(id).orElseThrow(() -> CliException.badInput("--keys " + keys + " but flight " + flightId
          + " does not exist; use fewer keys or run 'writebehind init --reset --flights " + keys + "'")));
    }
    return base;
  }

  /** Injects faults until the duration is over, printing each and a progress line every few seconds. */
  private void runFaults(Random random, WorkerFleet fleet, ConnectionCutter cutter, LocalRestarts db, LocalRestarts valkey,
      WriteBehind<Long, Flight> engine, Ledger ledger, Writers writing, FaultCounts faults) throws InterruptedException {
    long end = System.nanoTime() + duration.toNanos();
    long nextKill = due(killEvery);
    long nextCut = due(cutEvery);
    long nextDbRestart = db == null ? Long.MAX_VALUE : due(dbRestartEvery);
    long nextValkeyRestart = valkey == null ? Long.MAX_VALUE : due(valkeyRestartEvery);
    long nextProgress = System.nanoTime() + 5_000_000_000L;
    long lastAcks = 0;
    long lastProgress = System.nanoTime();
    while (System.nanoTime() < end) {
      long now = System.nanoTime();
      int replaced = fleet.superviseExits();
      if (replaced > 0) {
        event(replaced + " worker process(es) exited by themselves; started new ones");
      }
      if (now >= nextKill) {
        long pid = fleet.killRandomReady(random);
        if (pid < 0) {
          event("no worker up to kill yet (all still starting)");
        } else {
          faults.kills++;
          event("kill -9 of worker pid " + pid + ", started a new one");
        }
        nextKill = now + killEvery.toNanos();
      }
      if (now >= nextCut) {
        try {
          ConnectionCutter.Result r = cutter.cut();
          faults.cuts++;
          faults.connectionsCut += r.cut();
          if (r.note() != null) {
            event(r.note());
          }
          event("cut " + r.cut() + " database connections");
        } catch (SQLException e) {
          event("could not cut connections (database down?): " + firstLine(e.getMessage()));
        }
        nextCut = now + cutEvery.toNanos();
      }
      if (now >= nextDbRestart) {
        event("stopping the database for " + human(dbDownFor));
        try {
          long downMs = db.restartPostgres(dbDownFor);
          faults.dbRestarts++;
          event("database back after " + downMs + " ms");
        } catch (IOException e) {
          event("database restart failed: " + firstLine(e.getMessage()));
        }
        nextDbRestart = System.nanoTime() + dbRestartEvery.toNanos();
      }
      if (now >= nextValkeyRestart) {
        event("restarting Valkey (SIGTERM: AOF fsynced, then replayed on start)");
        try {
          long downMs = valkey.restartValkey();
          faults.valkeyRestarts++;
          event("Valkey back after " + downMs + " ms");
        } catch (IOException e) {
          event("Valkey restart failed: " + firstLine(e.getMessage()));
        }
        nextValkeyRestart = System.nanoTime() + valkeyRestartEvery.toNanos();
      }
      if (now >= nextProgress) {
        long acks = ledger.acknowledged();
        double perSecond = (acks - lastAcks) / ((now - lastProgress) / 1e9);
        event(String.format(Locale.ROOT, "acknowledged %,d (%,.0f/s), failed writes %,d, journal %s, workers alive %d/%d, "
            + "kills %d, cuts %d, db restarts %d, valkey restarts %d, regressions %d", acks, perSecond, writing.errors(),
            journalLength(engine), fleet.alive(), fleet.size(), faults.kills, faults.cuts, faults.dbRestarts,
            faults.valkeyRestarts, ledger.regressions()));
        lastAcks = acks;
        lastProgress = now;
        nextProgress = now + 5_000_000_000L;
      }
      Thread.sleep(50);
    }
  }

  /**
   * Waits until the workers drained everything acknowledged, restarting workers that exit;
   * returns what went wrong, or null.
   */
  private String drain(WriteBehind<Long, Flight> engine, WorkerFleet fleet) throws InterruptedException {
    long deadline = System.nanoTime() + flushTimeout.toNanos();
    String last = null;
    while (System.nanoTime() < deadline) {
      fleet.superviseExits();
      try {
        engine.flush(Duration.ofSeconds(5));
        event("drained");
        return null;
      } catch (FlushTimeoutException e) {
        last = firstLine(e.getMessage());
      } catch (RuntimeException e) {
        last = e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
        Thread.sleep(500);
      }
    }
    event("not drained within " + human(flushTimeout) + ": " + last);
    return last;
  }

  private void finalSample(VersionSampler sampler) throws InterruptedException {
    for (int i = 0; i < 20; i++) {
      try {
        sampler.sampleOnce();
        return;
      } catch (SQLException | RuntimeException e) {
        Thread.sleep(500);
      }
    }
  }

  private void report(Ledger ledger, Writers writing, VersionSampler sampler, FaultCounts f, FinalCheck.Outcome outcome,
      long deadLetters, String flushProblem) {
    System.out.printf(Locale.ROOT, "faults: %d worker kills (kill -9), %d connection cuts (%d connections), %d database restarts, "
        + "%d Valkey restarts; %d worker exits replaced%n", f.kills, f.cuts, f.connectionsCut, f.dbRestarts, f.valkeyRestarts,
        f.unexpectedExits);
    System.out.printf(Locale.ROOT, "writes: %,d acknowledged, %,d failed (in doubt; %d of them ended up in the database)%s%n",
        ledger.acknowledged(), writing.errors(), outcome.inDoubtLanded(),
        writing.lastError() == null ? "" : "; last failure: " + writing.lastError());
    System.out.printf(Locale.ROOT, "window (acknowledged -> committed): p99 %,d ms, max %,d ms, from %,d database samples (%,d failed)%n",
        ledger.windowP99Millis(), ledger.windowMaxMillis(), sampler.samples(), sampler.failures());
    System.out.printf(Locale.ROOT, "check: %d flights, %d behind their acknowledged write, %d cached values differ from the database%s%n",
        outcome.checked(), outcome.lost(), outcome.cacheDiffers(), flushProblem == null ? "" : "; not drained: " + flushProblem);
    outcome.details().forEach(x -> System.out.println("  " + x));
    ledger.regressionDetails().forEach(x -> System.out.println("  regression: " + x));
    System.out.printf(Locale.ROOT, "acknowledged=%d lost=%d regressions=%d dead_letters=%d window_p99_ms=%d%n",
        ledger.acknowledged(), outcome.lost(), ledger.regressions(), deadLetters, ledger.windowP99Millis());
    System.out.flush();
  }

  private static String journalLength(WriteBehind<Long, Flight> engine) {
    try {
      QueueStatus st = engine.status();
      return String.format(Locale.ROOT, "%,d", st.journalLength());
    } catch (RuntimeException e) {
      return "? (Valkey unreachable)";
    }
  }

  private long due(Duration every) {
    return every.isZero() ? Long.MAX_VALUE : System.nanoTime() + every.toNanos();
  }

  private void event(String what) {
    System.err.printf(Locale.ROOT, "[%6.1fs] %s%n", (System.nanoTime() - startNanos) / 1e9, what);
    System.err.flush();
  }

  private static String human(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }

  private static String firstNonBlank(String a, String b) {
    if (a != null && !a.isBlank()) {
      return a;
    }
    return b != null && !b.isBlank() ? b : null;
  }

  /** What the run did to the system. */
  private static final class FaultCounts {
    int kills;
    int cuts;
    long connectionsCut;
    int dbRestarts;
    int valkeyRestarts;
    int unexpectedExits;
  }
}
