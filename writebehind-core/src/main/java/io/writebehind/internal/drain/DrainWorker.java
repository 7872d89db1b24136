package io.writebehind.internal.drain;

import io.writebehind.Codec;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import io.writebehind.internal.journal.Journal;
import io.writebehind.internal.journal.Versions;
import io.writebehind.sink.Sink;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains journals into the sink. Workers in any number of threads and processes share a
 * namespace's partitions through leases: each holds about its fair share, renews it, and
 * a crashed worker's partitions pass to the others when its leases expire, together with
 * the entries it had read and not acknowledged.
 */
public final class DrainWorker implements Worker {
  private static final Logger log = LoggerFactory.getLogger(DrainWorker.class);

  private final String id;
  private final Journal journal;
  private final WorkerOptions options;
  private final WorkerRegistry registry;
  private final DrainStats stats;
  private final Batches processor;
  private final long timeoutMillis;
  private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
  private final Set<Integer> recovering = ConcurrentHashMap.newKeySet();
  /** Per partition: the record's epoch and journal losses as this worker last saw them. */
  private final Map<Integer, Journal.Claim> seen = new ConcurrentHashMap<>();
  private final CircuitBreaker breaker;
  private final ScheduledExecutorService leaseExecutor;
  private final List<Thread> drainThreads = new ArrayList<>();
  private volatile boolean stopping;
  private volatile boolean started;

  /** Makes a worker's batch handler, given the worker's stats and its timeout. */
  public interface BatchesFactory {
    Batches create(DrainStats stats, long timeoutMillis);
  }

  /** Batches of whole values for the sink. */
  public static <K, V> BatchesFactory values(Journal journal, Codec<K, V> codec, Sink<K, V> sink, Duration ttl,
      WorkerOptions options) {
    return (stats, timeoutMillis) -> new BatchProcessor<>(journal, codec, sink, ttl.toMillis(), options.trimJournal(),
        timeoutMillis, stats, options.clock());
  }

  public DrainWorker(Journal journal, WorkerOptions options, BatchesFactory batches) {
    this.journal = journal;
    this.options = options;
    this.id = options.workerId() != null ? options.workerId() : defaultId();
    this.stats = new DrainStats(options.listener());
    this.registry = new WorkerRegistry(journal, options.leaseTtl());
    this.timeoutMillis = Math.max(options.leaseTtl().toMillis(), 5_000);
    this.breaker = new CircuitBreaker(5, options.backoff().max().toMillis(), options.clock()::millis);
    this.processor = batches.create(stats, timeoutMillis);
    String ns = journal.layout().namespace();
    this.leaseExecutor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "wb-" + ns + "-lease");
      t.setDaemon(true);
      return t;
    });
  }

  private static String defaultId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9_.\\-]", "");
    } catch (Exception e) {
      host = "host";
    }
    long pid = ProcessHandle.current().pid();
    return host + "-" + pid + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
  }

  public synchronized void start() {
    if (started) {
      throw new IllegalStateException("worker " + id + " already started");
    }
    started = true;
    tickLeases();
    long period = Math.max(50, options.leaseTtl().toMillis() / 3);
    leaseExecutor.scheduleWithFixedDelay(this::tickLeases, period, period, TimeUnit.MILLISECONDS);
    for (int i = 0; i < options.threads(); i++) {
      Thread t = new Thread(new DrainLoop(this, i, journal, processor, options, timeoutMillis),
          "wb-" + journal.layout().namespace() + "-drain-" + i);
      t.setDaemon(true);
      drainThreads.add(t);
      t.start();
    }
  }

  /**
   * Renews held leases, gives back what is above the fair share, and takes free
   * partitions up to it. A partition just taken is read first from its committed position,
   * so entries its previous owner read and did not commit are not skipped.
   */
  private void tickLeases() {
    if (stopping) {
      return;
    }
    try {
      long now = options.clock().millis();
      long ttl = options.leaseTtl().toMillis();
      beat(now);
      long live = Math.max(1, registry.liveCount(now).get(timeoutMillis, TimeUnit.MILLISECONDS));
      int partitions = journal.layout().partitions();
      int target = (int) Math.min(partitions, (partitions + live - 1) / live);

      Map<Integer, CompletableFuture<Boolean>> renewals = new HashMap<>();
      for (int p : owned) {
        renewals.put(p, journal.lease(p, id, ttl, Journal.LeaseMode.RENEW));
      }
      for (Map.Entry<Integer, CompletableFuture<Boolean>> r : renewals.entrySet()) {
        if (!r.getValue().get(timeoutMillis, TimeUnit.MILLISECONDS)) {
          owned.remove(r.getKey());
          log.warn("worker {}: lost the lease of partition {}", id, r.getKey());
        }
      }
      List<Integer> mine = new ArrayList<>(new TreeSet<>(owned));
      for (int i = mine.size() - 1; i >= 0 && owned.size() > target; i--) {
        int p = mine.get(i);
        owned.remove(p);
        journal.lease(p, id, ttl, Journal.LeaseMode.RELEASE).get(timeoutMillis, TimeUnit.MILLISECONDS);
      }
      int start = ThreadLocalRandom.current().nextInt(partitions);
      for (int i = 0; i < partitions && owned.size() < target && !stopping; i++) {
        int p = (start + i) % partitions;
        if (owned.contains(p)) {
          continue;
        }
        if (journal.lease(p, id, ttl, Journal.LeaseMode.ACQUIRE).get(timeoutMillis, TimeUnit.MILLISECONDS)) {
          if (claim(p).uncommitted()) {
            log.info("worker {}: took partition {} with entries a previous owner read and did not commit", id, p);
          }
          recovering.add(p);
          owned.add(p);
        }
      }
    } catch (Exception e) {
      stats.retried(e);
      log.warn("worker {}: lease round failed: {}", id, DrainStats.describe(e));
    }
    checkRollbacks();
  }

  /**
   * After a failover, a replica promoted before it had a journal's last entries lost them,
   * while a worker may have applied them to the database already: the database's position
   * is then ahead of the journal. Looked for in the partitions held, once per lease round
   * (one query for all), said loudly with the ids lost, and the journal's last id moved up to
   * the position, so that no new entry gets an id the sink takes for one it has. Sinks
   * without a position (values: the version guard) are not asked.
   */
  private void checkRollbacks() {
    if (stopping || owned.isEmpty()) {
      return;
    }
    try {
      Map<Integer, Long> positions = processor.databasePositions(new TreeSet<>(owned));
      if (positions == null) {
        return;
      }
      Map<Integer, CompletableFuture<String>> checks = new TreeMap<>();
      positions.forEach((p, position) -> {
        if (position > 0) {
          checks.put(p, journal.rolledBack(p, Versions.toEntryId(position)));
        }
      });
      for (Map.Entry<Integer, CompletableFuture<String>> c : checks.entrySet()) {
        String last = c.getValue().get(timeoutMillis, TimeUnit.MILLISECONDS);
        if (last != null) {
          String position = Versions.toEntryId(positions.get(c.getKey()));
          stats.journalRolledBack();
          log.error("worker {}: the journal of partition {} ends at {} but the database has its entries up to {}: a failover "
              + "promoted a replica that lacked entries ({}, {}]. They are in the database, not in Valkey (cached counters "
              + "and latest events may lag the database); new entries now get ids above {}", id, c.getKey(), last, position,
              last, position, position);
        }
      }
    } catch (Exception e) {
      stats.retried(e);
      log.warn("worker {}: rollback check failed: {}", id, DrainStats.describe(e));
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * The heartbeat adds a little memory; refused when the server is out of it, it must not
   * stop the lease round, whose scripts run anyway and let the drain free memory.
   */
  private void beat(long now) {
    try {
      registry.beat(id, now, info()).get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      stats.retried(e);
      log.warn("worker {}: heartbeat failed, going on with the leases: {}", id, DrainStats.describe(e));
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Makes the partition's record and consumer group exist, and reports a journal that
   * vanished since this worker last saw the partition: its unflushed writes may never reach
   * the database, and that is never passed over in silence (promise 12). Called on taking a
   * partition and when its journal is found gone.
   */
  Journal.Claim claim(int partition) throws Exception {
    Journal.Claim before = seen.get(partition);
    boolean purged = before != null && journal.recentlyPurged().get(timeoutMillis, TimeUnit.MILLISECONDS);
    Journal.Claim now = journal.claim(partition, before == null ? null : before.epoch(), purged)
        .get(timeoutMillis, TimeUnit.MILLISECONDS);
    long known = before == null ? 0 : before.journalLosses();
    if (now.journalLosses() > known) {
      stats.journalLost(now.journalLosses() - known);
      log.error("worker {}: the journal of partition {} vanished ({} time(s) in all, not acknowledged): writes "
          + "acknowledged before may never reach the database; flush() fails until an operator acknowledges the "
          + "loss (writebehind status --ack-loss). Eviction (maxmemory-policy allkeys-*), a deleted key or FLUSHALL "
          + "cause this", id, partition, now.journalLosses());
    }
    seen.put(partition, now);
    return now;
  }

  private Map<String, String> info() {
    Map<String, String> m = new HashMap<>();
    m.put("partitions", Integer.toString(owned.size()));
    m.put("flushed", Long.toString(stats.flushedEntries()));
    m.put("pid", Long.toString(ProcessHandle.current().pid()));
    m.put("leaseTtlMs", Long.toString(options.leaseTtl().toMillis()));
    String err = stats.lastError();
    m.put("lastError", err == null ? "" : err);
    m.put("dbDown", databaseUnavailable() ? "1" : "0");
    return m;
  }

  boolean stopping() {
    return stopping;
  }

  /** The partitions drain thread {@code index} serves: its share of those held. */
  List<Integer> partitionsFor(int index) {
    List<Integer> out = new ArrayList<>();
    for (int p : new TreeSet<>(owned)) {
      if (p % options.threads() == index) {
        out.add(p);
      }
    }
    return out;
  }

  boolean isRecovering(int partition) {
    return recovering.contains(partition);
  }

  void markRecovering(int partition) {
    recovering.add(partition);
  }

  void recovered(int partition) {
    recovering.remove(partition);
  }

  CircuitBreaker breaker() {
    return breaker;
  }

  @Override
  public boolean databaseUnavailable() {
    return breaker.state() != CircuitBreaker.State.CLOSED;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public DrainStats stats() {
    return stats;
  }

  @Override
  public Set<Integer> partitions() {
    return Collections.unmodifiableSet(new TreeSet<>(owned));
  }

  @Override
  public void close() {
    stopping = true;
    long deadline = System.nanoTime() + options.shutdownTimeout().toNanos();
    for (Thread t : drainThreads) {
      try {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (t.isAlive()) {
        log.warn("worker {}: {} still busy after the shutdown timeout; its entries stay pending for others", id, t.getName());
        t.interrupt();
      }
    }
    leaseExecutor.shutdown();
    try {
      leaseExecutor.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS);
      for (int p : new ArrayList<>(owned)) {
        journal.lease(p, id, options.leaseTtl().toMillis(), Journal.LeaseMode.RELEASE).get(timeoutMillis, TimeUnit.MILLISECONDS);
      }
      registry.remove(id).get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      log.warn("worker {}: could not give back its leases ({}); they expire in {}", id, DrainStats.describe(e), options.leaseTtl());
    }
    owned.clear();
  }
}
