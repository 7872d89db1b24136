package io.writebehind.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.writebehind.admin.QueueStatus;
import io.writebehind.WriteBehind;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerStats;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Micrometer meters for promise 8: the queue (journal depth, pending, age of the oldest
 * unflushed write, dead letters, live workers) read from Valkey at most once a second, and
 * the worker's own counts (flushed writes, batches, records, retries, dead letters, time in
 * the database). Micrometer is an optional dependency: only this class needs it.
 */
public final class WriteBehindMetrics implements MeterBinder {
  private final WriteBehind<?, ?> engine;
  private final Worker worker;
  private final Tags tags;
  private volatile QueueStatus cached;
  private volatile long cachedAtNanos;

  /** Queue meters for the engine and, when {@code worker} is not null, that worker's meters. */
  public WriteBehindMetrics(WriteBehind<?, ?> engine, Worker worker) {
    this.engine = engine;
    this.worker = worker;
    this.tags = Tags.of("namespace", engine.options().namespace());
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    queueGauge(registry, "writebehind.journal.length",
        "Entries in all partitions' journals: unflushed writes, and flushed ones kept for replay", s -> s.journalLength());
    queueGauge(registry, "writebehind.unflushed", "Writes not yet in the database, in all partitions", s -> s.unflushed());
    queueGauge(registry, "writebehind.journal.pending", "Writes read by a worker and not yet committed", s -> s.pending());
    queueGauge(registry, "writebehind.window.seconds", "Age of the oldest unflushed write: the inconsistency window",
        s -> s.oldestUnflushedAgeMillis() / 1000.0);
    queueGauge(registry, "writebehind.deadletters", "Writes moved to the dead-letter streams", s -> s.deadLetters());
    queueGauge(registry, "writebehind.journal.losses",
        "Journals found vanished with writes that may not have reached the database, not yet acknowledged",
        s -> s.journalLosses());
    queueGauge(registry, "writebehind.journal.rollbacks",
        "Journals found behind the database's position after a failover (entries lost from Valkey, in the database)",
        s -> s.journalRollbacks());
    queueGauge(registry, "writebehind.workers.alive", "Workers with a recent heartbeat",
        s -> s.workers().stream().filter(w -> w.alive()).count());
    if (worker == null) {
      return;
    }
    Tags w = tags.and("worker", worker.id());
    WorkerStats stats = worker.stats();
    FunctionCounter.builder("writebehind.flushed", stats, WorkerStats::flushedEntries)
        .description("Journal entries whose batch committed").tags(w).register(registry);
    FunctionCounter.builder("writebehind.records", stats, WorkerStats::records)
        .description("Records handed to the database after coalescing").tags(w).register(registry);
    FunctionCounter.builder("writebehind.applied", stats, WorkerStats::applied)
        .description("Records that changed the database (the rest were older than it)").tags(w).register(registry);
    FunctionCounter.builder("writebehind.retries", stats, WorkerStats::retries)
        .description("Failed batches and journal reads retried").tags(w).register(registry);
    FunctionCounter.builder("writebehind.worker.deadlettered", stats, WorkerStats::deadLetters)
        .description("Entries this worker moved to dead letters").tags(w).register(registry);
    FunctionCounter.builder("writebehind.worker.journal.losses", stats, WorkerStats::journalLosses)
        .description("Journals this worker found vanished (eviction, a deleted key, FLUSHALL)").tags(w).register(registry);
    FunctionTimer.builder("writebehind.batch", stats, WorkerStats::batches, s -> s.sinkNanos(), TimeUnit.NANOSECONDS)
        .description("Batches committed and the time spent in the database").tags(w).register(registry);
    Gauge.builder("writebehind.worker.database.unavailable", worker, x -> x.databaseUnavailable() ? 1 : 0)
        .description("1 while the worker's circuit breaker is open: the database keeps failing, batches wait").tags(w)
        .register(registry);
    Gauge.builder("writebehind.worker.partitions", worker, x -> x.partitions().size())
        .description("Partitions this worker holds").tags(w).register(registry);
    Gauge.builder("writebehind.worker.max.window.seconds", stats, s -> s.maxWindowMillis() / 1000.0)
        .description("Longest a write waited between acknowledgement and commit").tags(w).register(registry);
  }

  /**
   * A gauge on this binder, held strongly: Micrometer holds a gauge's state weakly, and a
   * binder bound and then dropped (as {@code new WriteBehindMetrics(...).bindTo(r)} does)
   * would be collected, its gauges reading NaN from then on.
   */
  private void queueGauge(MeterRegistry registry, String name, String description, ToDoubleFunction<QueueStatus> f) {
    Gauge.builder(name, this, m -> {
      QueueStatus s = m.status();
      return s == null ? Double.NaN : f.applyAsDouble(s);
    }).description(description).tags(tags).strongReference(true).register(registry);
  }

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(WriteBehindMetrics.class);
  private long failureToldAtNanos = System.nanoTime() - 120_000_000_000L;

  /** One status read serves every gauge of a scrape. */
  private QueueStatus status() {
    long now = System.nanoTime();
    if (cached == null || now - cachedAtNanos > 1_000_000_000L) {
      try {
        cached = engine.admin().status();
        cachedAtNanos = now;
      } catch (RuntimeException e) {
        // The gauges show the last status read (NaN before the first); the failure is said,
        // at most once a minute, not swallowed.
        if (now - failureToldAtNanos > 60_000_000_000L) {
          failureToldAtNanos = now;
          log.warn("namespace '{}': reading the status for the metrics failed: {}", engine.options().namespace(), e.toString());
        }
        return cached;
      }
    }
    return cached;
  }
}
