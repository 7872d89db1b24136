package io.writebehind.cli.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.writebehind.Codecs;
import io.writebehind.ValkeyConnection;
import io.writebehind.WriteBehind;
import io.writebehind.admin.DeadLetters;
import io.writebehind.admin.Namespaces;
import io.writebehind.admin.QueueStatus;
import io.writebehind.admin.WorkerInfo;
import io.writebehind.cli.ServerUrls;
import io.writebehind.cli.StatusCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every namespace of one Valkey, sampled once a second: its status (the same JSON as
 * {@code status --json}), write and drain rates over the last minutes, durability warnings
 * and, for counters, the cache's figures against the database's. Reads Valkey only; the
 * database, when there is one, is read on a thread of its own and may be down.
 *
 * <p>Requests are answered from the last sample, so any number of open pages costs Valkey
 * nothing more.
 */
public final class Dashboard implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Dashboard.class);
  static final long TIMEOUT_MS = 5_000;
  /** Five minutes of one-second samples. */
  static final int HISTORY = 300;

  private final String valkeyUrl;
  private final ValkeyConnection valkey;
  private final DatabaseTotals database;
  private final boolean actions;
  private final ScheduledExecutorService sampler;
  private final ExecutorService databaseReader;
  private final Map<String, Watched> watched = new ConcurrentHashMap<>();
  private final AtomicBoolean databaseBusy = new AtomicBoolean();
  private final ObjectMapper json = new ObjectMapper();
  /** One set of Netty threads for the engines of all namespaces, not one each. */
  private final io.lettuce.core.resource.ClientResources resources = io.lettuce.core.resource.DefaultClientResources.create();
  private volatile Map<String, Object> databaseTotals;
  private volatile byte[] snapshot;
  private long lastListNanos;
  private long lastErrorLogNanos;

  /** One namespace: a sink-less engine over it (what status and dlq use) and what was read of it. */
  private static final class Watched {
    final Namespaces.Found found;
    final WriteBehind<String, String> engine;
    final RateHistory history = new RateHistory(HISTORY);
    long lastAdded = -1;
    long addedTotal;
    long drainedTotal;
    Map<String, Long> lastFlushed = Map.of();
    long lastNanos;
    List<String> warnings = List.of();
    long warningsNanos;
    Map<String, Object> counters;
    long countersNanos;

    Watched(Namespaces.Found found, WriteBehind<String, String> engine) {
      this.found = found;
      this.engine = engine;
    }
  }

  /**
   * {@code valkeyUrl} builds the engines (never shown: the page gets it redacted);
   * {@code database} may be null; {@code actions} says whether replay and drop are allowed
   * (a token was given), for the page to offer them.
   */
  public Dashboard(String valkeyUrl, ValkeyConnection valkey, DatabaseTotals database, boolean actions) {
    this.valkeyUrl = valkeyUrl;
    this.valkey = valkey;
    this.database = database;
    this.actions = actions;
    this.sampler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "wb-dashboard-sampler"));
    this.databaseReader = Executors.newSingleThreadExecutor(r -> daemon(r, "wb-dashboard-database"));
  }

  /** A database read through a worker's pool, or a JDBC URL: see {@link DatabaseTotals}. */
  public static DatabaseTotals databaseAt(String jdbcUrl) {
    return jdbcUrl == null ? null : DatabaseTotals.direct(jdbcUrl);
  }

  public static DatabaseTotals databaseOf(javax.sql.DataSource dataSource, String redactedUrl) {
    return new DatabaseTotals(dataSource::getConnection, redactedUrl);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** Takes the first sample now (so the page has data at once), then one a second. */
  public Dashboard start() {
    sample();
    sampler.scheduleWithFixedDelay(this::sample, 1, 1, TimeUnit.SECONDS);
    return this;
  }

  /** The last sample as JSON: {@code valkey}, {@code actions}, {@code time}, {@code namespaces}, {@code error}. */
  public byte[] snapshot() {
    return snapshot;
  }

  boolean actionsAllowed() {
    return actions;
  }

  /** The dead letters of a namespace the dashboard watches, or null for one it does not know. */
  DeadLetters deadLetters(String namespace) {
    Watched w = namespace == null ? null : watched.get(namespace);
    return w == null ? null : w.engine.admin().deadLetters();
  }

  /** Asks for a sample now, after a replay or a drop, so the page shows it at its next poll. */
  void resample() {
    sampler.execute(this::sample);
  }

  private synchronized void sample() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("valkey", ServerUrls.redact(valkeyUrl));
    out.put("actions", actions);
    out.put("time", System.currentTimeMillis());
    try {
      long now = System.nanoTime();
      if (now - lastListNanos > TimeUnit.SECONDS.toNanos(5) || watched.isEmpty()) {
        refreshNamespaces();
        lastListNanos = now;
      }
      List<Map<String, Object>> namespaces = new ArrayList<>();
      for (String name : new java.util.TreeSet<>(watched.keySet())) {
        namespaces.add(sample(watched.get(name)));
      }
      out.put("namespaces", namespaces);
      out.put("error", null);
      if (database != null && databaseBusy.compareAndSet(false, true)) {
        databaseReader.execute(() -> {
          try {
            databaseTotals = database.read();
          } finally {
            databaseBusy.set(false);
          }
        });
      }
    } catch (RuntimeException e) {
      // Valkey down or refusing: the page says so and keeps the figures it had.
      out.put("namespaces", List.of());
      out.put("error", ServerUrls.scrub(firstLine(e)));
      long now = System.nanoTime();
      if (now - lastErrorLogNanos > TimeUnit.MINUTES.toNanos(1)) {
        lastErrorLogNanos = now;
        log.warn("dashboard: reading Valkey failed: {}", ServerUrls.scrub(firstLine(e)));
      }
    }
    try {
      snapshot = json.writeValueAsBytes(out);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void refreshNamespaces() {
    List<Namespaces.Found> found = Namespaces.list(valkey, TIMEOUT_MS);
    Set<String> names = new java.util.HashSet<>();
    for (Namespaces.Found f : found) {
      names.add(f.namespace());
      Watched w = watched.get(f.namespace());
      if (w != null && w.found.equals(f)) {
        continue;
      }
      if (w != null) {
        w.engine.close();
      }
      try {
        watched.put(f.namespace(), new Watched(f, WriteBehind.builder(Codecs.textKeysTextValues()).valkeyUrl(valkeyUrl).clientResources(resources)
            .namespace(f.namespace()).partitions(f.partitions()).commandTimeout(Duration.ofMillis(TIMEOUT_MS))
            // it only reads (and replays): it must work, and warn, on a server that evicts
            .acceptEviction(true).build()));
      } catch (RuntimeException e) {
        watched.remove(f.namespace());
        log.warn("dashboard: cannot watch namespace '{}': {}", f.namespace(), ServerUrls.scrub(firstLine(e)));
      }
    }
    for (String gone : new ArrayList<>(watched.keySet())) {
      if (!names.contains(gone)) {
        watched.remove(gone).engine.close();
      }
    }
  }

  private Map<String, Object> sample(Watched w) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("namespace", w.found.namespace());
    m.put("kind", w.found.kind());
    m.put("partitions", w.found.partitions());
    long now = System.nanoTime();
    QueueStatus status = w.engine.admin().status();
    long added = JournalCounts.entriesAdded(status);
    Map<String, Long> flushed = new HashMap<>();
    for (WorkerInfo worker : status.workers()) {
      flushed.put(worker.id(), worker.flushed());
    }
    if (w.lastNanos != 0) {
      // Per worker: one that stopped or restarted would otherwise count as a negative drain.
      long drained = 0;
      for (Map.Entry<String, Long> e : flushed.entrySet()) {
        Long before = w.lastFlushed.get(e.getKey());
        drained += before == null || e.getValue() < before ? 0 : e.getValue() - before;
      }
      w.drainedTotal += drained;
      w.addedTotal = added < 0 || w.lastAdded < 0 || w.addedTotal < 0 ? -1 : w.addedTotal + Math.max(0, added - w.lastAdded);
      w.history.add(System.currentTimeMillis() / 1000, now, w.addedTotal, w.drainedTotal);
    }
    w.lastNanos = now;
    w.lastAdded = added;
    w.lastFlushed = flushed;
    if (w.warningsNanos == 0 || now - w.warningsNanos > TimeUnit.SECONDS.toNanos(30)) {
      w.warnings = w.engine.admin().durabilityWarnings();
      w.warningsNanos = now;
    }
    if ("counters".equals(w.found.kind()) && (w.countersNanos == 0 || now - w.countersNanos > TimeUnit.SECONDS.toNanos(3))) {
      try {
        w.counters = CounterFigures.read(valkey, w.found.namespace(), w.found.partitions(), TIMEOUT_MS);
      } catch (Exception e) {
        w.counters = Map.of("error", ServerUrls.scrub(firstLine(e)));
      }
      w.countersNanos = now;
    }
    m.put("status", StatusCommand.toJson(status));
    m.put("durabilityWarnings", w.warnings);
    m.put("rates", w.history.toJson());
    if (w.counters != null) {
      Map<String, Object> c = new LinkedHashMap<>(w.counters);
      if (database == null) {
        c.put("database", Map.of("error", "no database given (--database-url or $DATABASE_URL): cache figures only"));
      } else if (databaseTotals != null) {
        c.put("database", databaseTotals);
      }
      m.put("counters", c);
    }
    return m;
  }

  static String firstLine(Throwable e) {
    String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return msg.lines().findFirst().orElse("");
  }

  @Override
  public void close() {
    sampler.shutdownNow();
    databaseReader.shutdownNow();
    try {
      sampler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Watched w : watched.values()) {
      w.engine.close();
    }
    watched.clear();
    resources.shutdown();
  }
}
