package io.writebehind.cli;

import io.writebehind.admin.Admin;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/** A standalone worker process: drains the journal into the database until told to stop. */
@Command(name = "worker", mixinStandardHelpOptions = true,
    description = "Drain the journal into the database until SIGTERM or SIGINT, then finish the batch in hand and exit 0.")
public final class WorkerCommand implements Callable<Integer> {
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

  @Option(names = "--quiet", description = "No periodic progress lines")
  boolean quiet;

  @Option(names = "--counters",
      description = "Drain the flights' counters (table flight_stats: views, bookings; namespace flight_stats unless --namespace is given) instead of the flights' updates")
  boolean counters;

  @Option(names = "--metrics-port", paramLabel = "PORT",
      description = "Serve Prometheus metrics on http://127.0.0.1:PORT/metrics and a probe on /health (0 picks a free port)")
  Integer metricsPort;

  @Option(names = "--stuck-after-ms", defaultValue = "60000",
      description = "With --metrics-port: /health answers 503 when writes wait in this worker's partitions and no batch committed for this long (default ${DEFAULT-VALUE})")
  long stuckAfterMs;

  @Override
  public Integer call() throws Exception {
    if (metricsPort != null && (metricsPort < 0 || metricsPort > 65535)) {
      throw CliException.badInput("--metrics-port must be between 0 and 65535, was " + metricsPort);
    }
    if (counters && metricsPort != null) {
      throw CliException.badInput("--metrics-port serves the flights' engine only; it cannot be used with --counters yet");
    }
    if (stuckAfterMs < 1) {
      throw CliException.badInput("--stuck-after-ms must be at least 1, was " + stuckAfterMs);
    }
    WorkerOptions options;
    try {
      options = WorkerOptions.builder().batchSize(batchSize).linger(Duration.ofMillis(lingerMs))
          .leaseTtl(Duration.ofMillis(leaseTtlMs)).threads(threads).workerId(workerId).build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw CliException.badInput(e.getMessage());
    }
    CountDownLatch stop = new CountDownLatch(1);
    // Handle the signals ourselves, so that a drained shutdown exits 0 rather than 143.
    Signal.handle(new Signal("TERM"), sig -> stop.countDown());
    Signal.handle(new Signal("INT"), sig -> stop.countDown());
    try (CounterSession cs = counters ? CounterSession.open(connection) : null;
        Session s = cs != null ? cs.session() : Session.open(connection)) {
      Admin admin = cs != null ? cs.counters().admin() : s.engine().admin();
      for (String warning : admin.durabilityWarnings()) {
        System.err.println("warning: " + warning);
      }
      Worker worker = cs != null ? cs.counters().startWorker(options) : s.engine().startWorker(options);
      System.err.printf("worker %s draining %snamespace '%s' (%s)%n", worker.id(), cs != null ? "the counters of " : "",
          cs != null ? cs.namespace() : connection.namespace, s.describe());
      MetricsServer metrics = metricsPort == null ? null
          : MetricsServer.start(metricsPort, s.engine(), worker, Duration.ofMillis(stuckAfterMs));
      if (metrics != null) {
        System.err.printf("worker %s: metrics on %s/metrics, health on %s/health%n", worker.id(), metrics.url(), metrics.url());
      }
      System.out.println("READY " + worker.id());
      System.out.flush();
      long lastFlushed = 0;
      long lastTime = System.nanoTime();
      while (!stop.await(quiet ? 1_000 : 5_000, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        if (!quiet) {
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
      System.err.printf("worker %s: stopped after flushing %,d writes%n", worker.id(), worker.stats().flushedEntries());
      return 0;
    }
  }
}
