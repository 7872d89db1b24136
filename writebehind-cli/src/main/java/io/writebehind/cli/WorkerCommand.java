package io.writebehind.cli;

import io.writebehind.admin.Admin;
import io.writebehind.cli.dashboard.Dashboard;
import io.writebehind.worker.Backoff;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/** A standalone worker process: drains the journal into the database until told to stop. */
@Command(name = "worker", mixinStandardHelpOptions = true,
    description = {"Drain the journal into the database until SIGTERM or SIGINT, then finish the batch in hand and exit 0.",
        "Waits, retrying, for a database or Valkey that is down or still starting."})
public final class WorkerCommand implements Callable<Integer> {
  /** Start-up retries: 1 s doubling to 30 s. */
  private static final Backoff STARTUP_BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Option(names = "--batch-size", defaultValue = "2000", description = "Journal entries per database transaction, at most (default ${DEFAULT-VALUE})")
  int batchSize;

  @Option(names = "--linger-ms", defaultValue = "20", description = "Longest wait between polls of an idle journal (default ${DEFAULT-VALUE})")
  long lingerMs;

  @Option(names = "--lease-ttl-ms", defaultValue = "5000", description = "How soon a dead worker's partitions are taken over (default ${DEFAULT-VALUE})")
  long leaseTtlMs;

  @Option(names = "--threads", defaultValue = "1", description = "Drain threads (default ${DEFAULT-VALUE})")
  int threads;

  @Option(names = "--worker-id", description = "Name in status and in the consumer group (default: host-pid-random)")
  String workerId;

  @Option(names = "--keep-journal",
      description = "Keep committed entries in the journal, for 'writebehind replay' (they count against the journal limit)")
  boolean keepJournal;

  @Option(names = "--quiet", description = "No periodic progress lines")
  boolean quiet;

  @Option(names = "--counters",
      description = "Drain the flights' counters (table flight_stats: views, bookings; namespace flight_stats unless --namespace is given) instead of the flights' updates")
  boolean counters;

  @Option(names = "--events",
      description = "Drain the flights' position reports (table flight_event; namespace flight_event unless --namespace is given) instead of the flights' updates")
  boolean events;

  @Option(names = "--metrics-port", paramLabel = "PORT",
      description = "Serve Prometheus metrics on http://127.0.0.1:PORT/metrics and a probe on /health (0 picks a free port)")
  Integer metricsPort;

  @Option(names = "--http-port", paramLabel = "PORT",
      description = {"As --metrics-port, and the dashboard of every namespace at http://127.0.0.1:PORT/ beside /metrics",
          "and /health (replay and drop of dead letters with the token in $" + DashboardCommand.TOKEN_ENV + ")"})
  Integer httpPort;

  @Option(names = "--stuck-after-ms", defaultValue = "60000",
      description = "With --metrics-port: /health answers 503 when writes wait in this worker's partitions and no batch committed for this long (default ${DEFAULT-VALUE})")
  long stuckAfterMs;

  @Override
  public Integer call() throws Exception {
    if (metricsPort != null && httpPort != null) {
      throw CliException.badInput("--http-port serves /metrics and /health too: give it alone, without --metrics-port");
    }
    String portOption = httpPort != null ? "--http-port" : "--metrics-port";
    if (httpPort != null) {
      metricsPort = httpPort;
    }
    String token = httpPort == null ? null : System.getenv(DashboardCommand.TOKEN_ENV);
    if (token != null && token.isBlank()) {
      throw CliException.badInput("$" + DashboardCommand.TOKEN_ENV + " is empty");
    }
    if (metricsPort != null && (metricsPort < 0 || metricsPort > 65535)) {
      throw CliException.badInput(portOption + " must be between 0 and 65535, was " + metricsPort);
    }
    if (counters && events) {
      throw CliException.badInput("--counters and --events drain different namespaces: start one worker for each");
    }
    if ((counters || events) && metricsPort != null) {
      throw CliException.badInput(portOption + " serves the flights' engine only; it cannot be used with --"
          + (counters ? "counters" : "events") + " yet");
    }
    OptionChecks.atLeast("--stuck-after-ms", stuckAfterMs, 1);
    OptionChecks.between("--batch-size", batchSize, 1, 100_000);
    OptionChecks.between("--linger-ms", lingerMs, 1, 60_000);
    OptionChecks.atLeast("--lease-ttl-ms", leaseTtlMs, 300);
    OptionChecks.between("--threads", threads, 1, 256);
    if (workerId != null && !workerId.matches("[A-Za-z0-9_.:@\\-]{1,100}")) {
      throw CliException.badInput("--worker-id must be 1 to 100 letters, digits or _.:@-, was '" + workerId + "'");
    }
    connection.check();
    WorkerOptions options;
    WorkerConsole console = new WorkerConsole();
    try {
      options = WorkerOptions.builder().batchSize(batchSize).linger(Duration.ofMillis(lingerMs))
          .leaseTtl(Duration.ofMillis(leaseTtlMs)).threads(threads).workerId(workerId)
          .trimJournal(!keepJournal).listener(console).build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw CliException.badInput(e.getMessage());
    }
    CountDownLatch stop = new CountDownLatch(1);
    // Handle the signals ourselves, so that a drained shutdown exits 0 rather than 143.
    Signal.handle(new Signal("TERM"), sig -> stop.countDown());
    Signal.handle(new Signal("INT"), sig -> stop.countDown());
    Started started = start(options, stop);
    if (started == null) {
      System.err.println("worker: stopped while waiting to start");
      return 0;
    }
    try (Started st = started) {
      Session s = st.session();
      Worker worker = st.worker();
      System.err.printf("worker %s draining %snamespace '%s' (%s)%n", worker.id(), st.stream() != null ? st.stream().label() : "",
          st.stream() != null ? st.stream().namespace() : connection.namespace, s.describe());
      MetricsServer metrics = metricsPort == null ? null
          : MetricsServer.start(metricsPort, s.engine(), worker, Duration.ofMillis(stuckAfterMs));
      Dashboard dashboard = null;
      if (metrics != null && httpPort != null) {
        dashboard = new Dashboard(s.valkeyUrl(), s.valkey(), Dashboard.databaseOf(s.dataSource(), s.redactedDatabaseUrl()),
            token != null).start();
        metrics.mountDashboard(dashboard, token);
        System.err.printf("worker %s: dashboard on %s/ (%s)%n", worker.id(), metrics.url(),
            token == null ? "read-only" : "replay and drop with the token");
      }
      if (metrics != null) {
        System.err.printf("worker %s: metrics on %s/metrics, health on %s/health%n", worker.id(), metrics.url(), metrics.url());
      }
      System.out.println("READY " + worker.id());
      System.out.flush();
      long lastFlushed = 0;
      long lastTime = System.nanoTime();
      int ticks = 0;
      // Once a second: what went wrong since (rate-limited by construction); every fifth,
      // the progress line.
      while (!stop.await(1_000, TimeUnit.MILLISECONDS)) {
        for (String line : console.lines(worker.databaseUnavailable())) {
          System.err.println(line);
        }
        if (!quiet && ++ticks % 5 == 0) {
          long now = System.nanoTime();
          long flushed = worker.stats().flushedEntries();
          double rate = (flushed - lastFlushed) / ((now - lastTime) / 1e9);
          System.err.printf(Locale.ROOT, "worker %s: partitions %s, flushed %,d (%.0f/s), retries %d, max window %d ms%n",
              worker.id(), worker.partitions(), flushed, rate, worker.stats().retries(), worker.stats().maxWindowMillis());
          lastFlushed = flushed;
          lastTime = now;
        }
      }
      System.err.println("worker " + worker.id() + ": stopping, finishing the batch in hand");
      worker.close();
      if (metrics != null) {
        metrics.close();
      }
      if (dashboard != null) {
        dashboard.close();
      }
      for (String line : console.lines(worker.databaseUnavailable())) {
        System.err.println(line);
      }
      System.err.printf("worker %s: stopped after flushing %,d writes%n", worker.id(), worker.stats().flushedEntries());
      return 0;
    }
  }

  /** A started worker and what it runs on: the flights' engine, or their counters or events. */
  private record Started(Session session, StreamSession<?> stream, Worker worker) implements AutoCloseable {
    @Override
    public void close() {
      if (stream != null) {
        stream.close();
      } else {
        session.close();
      }
    }
  }

  /**
   * Opens the servers and starts the worker, waiting out faults that pass (a server down,
   * restarting or loading: {@link StartupFaults}) with backoff until stopped; null when
   * stopped first. Anything else is thrown as it is, to fail at once.
   */
  private Started start(WorkerOptions options, CountDownLatch stop) throws InterruptedException {
    boolean warned = false;
    for (int attempt = 1; ; attempt++) {
      Session s = null;
      StreamSession<?> cs = null;
      try {
        cs = counters ? CounterSession.open(connection) : events ? EventSession.open(connection) : null;
        s = cs != null ? cs.session() : Session.open(connection);
        Admin admin = cs != null ? cs.admin() : s.engine().admin();
        if (!warned) {
          for (String warning : admin.durabilityWarnings()) {
            System.err.println("warning: " + warning);
          }
          warned = true;
        }
        Worker worker = cs != null ? cs.startWorker(options) : s.engine().startWorker(options);
        return new Started(s, cs, worker);
      } catch (RuntimeException e) {
        if (cs != null) {
          cs.close();
        } else if (s != null) {
          s.close();
        }
        String waiting = StartupFaults.waitingFor(e);
        if (waiting == null) {
          throw e;
        }
        // Half to all of the cap: never a retry at once, and workers that failed together
        // spread out.
        long delay = STARTUP_BACKOFF.delayMillis(Math.min(attempt, 20), 0.5 + ThreadLocalRandom.current().nextDouble() / 2);
        // What, then why, each on its own line: a URL leaves little of 80 columns.
        int colon = waiting.indexOf(": ");
        System.err.println(WorkerConsole.clip(colon < 0 ? waiting : waiting.substring(0, colon)));
        if (colon >= 0) {
          System.err.println(WorkerConsole.clip("  " + waiting.substring(colon + 2)));
        }
        System.err.printf(Locale.ROOT, "  retrying in %.1f s (Ctrl-C stops)%n", delay / 1000.0);
        if (stop.await(delay, TimeUnit.MILLISECONDS)) {
          return null;
        }
      }
    }
  }
}
