package io.writebehind.internal.engine;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.writebehind.CacheRead;
import io.writebehind.Codec;
import io.writebehind.FlushTimeoutException;
import io.writebehind.JournalFullException;
import io.writebehind.JournalLostException;
import io.writebehind.WriteBehind;
import io.writebehind.WriteBehindException;
import io.writebehind.WriteBehindOptions;
import io.writebehind.ValueTooLargeException;
import io.writebehind.admin.Admin;
import io.writebehind.admin.CommandTrace;
import io.writebehind.admin.DeadLetters;
import io.writebehind.admin.JournalReplay;
import io.writebehind.admin.PartitionStatus;
import io.writebehind.admin.QueueStatus;
import io.writebehind.admin.WorkerInfo;
import io.writebehind.internal.drain.DrainWorker;
import io.writebehind.internal.journal.Journal;
import io.writebehind.internal.journal.Scripts;
import io.writebehind.internal.journal.KeyLayout;
import io.writebehind.internal.journal.ListImport;
import io.writebehind.internal.journal.PartitionProgress;
import io.writebehind.ValkeyConnection;
import io.writebehind.internal.journal.Versions;
import io.writebehind.sink.Sink;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import io.writebehind.internal.drain.WorkerRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The engine behind {@link WriteBehind} and its {@link Admin} view; see there for what it promises. */
public final class DefaultWriteBehind<K, V> implements WriteBehind<K, V>, Admin {
  private static final Logger log = LoggerFactory.getLogger(DefaultWriteBehind.class);

  private final ValkeyConnection connection;
  private final Codec<K, V> codec;
  private final Sink<K, V> sink;
  private final WriteBehindOptions options;
  private final Journal journal;
  private final long timeoutMillis;
  private final List<DrainWorker> workers = new ArrayList<>();
  private final WritePath<K, V> writePath;
  private final String kind;
  /** The kind of the namespace when this sink-less engine reads one of another (counters), else null. */
  private String foreignKind;

  public DefaultWriteBehind(ValkeyConnection connection, Codec<K, V> codec, Sink<K, V> sink, WriteBehindOptions options) {
    this(connection, codec, sink, options, null);
  }

  /**
   * {@code kind}, when not null, is recorded with the namespace's settings: a namespace of
   * counters holds journals of deltas that an engine of values must not drain, nor the
   * other way round.
   */
  public DefaultWriteBehind(ValkeyConnection connection, Codec<K, V> codec, Sink<K, V> sink, WriteBehindOptions options,
      String kind) {
    this.kind = kind;
    this.connection = connection;
    this.codec = codec;
    this.sink = sink;
    this.options = options;
    this.journal = new Journal(connection, new KeyLayout(options.namespace(), options.partitions()));
    this.timeoutMillis = options.commandTimeout().toMillis();
    this.writePath = new WritePath<>(journal, codec, sink, options);
    checkEvictionPolicy();
    checkNamespaceSettings();
    Scripts.preload(connection, timeoutMillis);
  }

  /**
   * An {@code allkeys-*} policy evicts journals and unflushed values under memory pressure:
   * acknowledged writes would vanish. Refused unless the builder accepted that risk.
   */
  private void checkEvictionPolicy() {
    String policy;
    try {
      Map<String, String> config = Await.get(connection.async().configGet("maxmemory-policy").toCompletableFuture(),
          timeoutMillis, "CONFIG GET maxmemory-policy");
      policy = config.getOrDefault("maxmemory-policy", "noeviction");
    } catch (WriteBehindException e) {
      log.warn("cannot read the server's maxmemory-policy ({}); it must be noeviction or volatile-*: "
          + "allkeys-* evicts unflushed writes", e.getMessage());
      return;
    }
    if (policy.startsWith("allkeys-") && !options.acceptEviction()) {
      throw new IllegalStateException("the server's maxmemory-policy is " + policy + ": it evicts journals and "
          + "unflushed writes under memory pressure; use noeviction or volatile-* (or build with acceptEviction(true))");
    }
  }

  /**
   * The journal's rules (how entries are read, committed and trimmed) as recorded in the
   * namespace: 2 is the committed position per partition. Engines of another format would
   * trim and flush one namespace by other rules.
   */
  static final int JOURNAL_FORMAT = 2;

  /**
   * Engines that split one namespace into different partition counts would journal a key
   * in two streams; the first engine records its count and journal format, and later ones
   * must match them.
   */
  private void checkNamespaceSettings() {
    RedisClusterAsyncCommands<String, byte[]> redis = connection.async();
    String metaKey = journal.layout().metaKey();
    String mine = "partitions=" + options.partitions() + ";journal=" + JOURNAL_FORMAT + (kind == null ? "" : ";" + kind);
    // Read first: a server out of memory refuses even a SET NX that would not write.
    byte[] got = Await.get(redis.get(metaKey).toCompletableFuture(), timeoutMillis, "reading namespace settings");
    if (got == null) {
      // The record may have been lost (FLUSHALL, a deleted key) while journals remain; the
      // first partition's own record still tells the count they were written with.
      byte[] first = Await.get(redis.hget(journal.layout().partitionKey(0), "n").toCompletableFuture(), timeoutMillis,
          "reading namespace settings");
      if (first != null && !new String(first, StandardCharsets.UTF_8).equals(Integer.toString(options.partitions()))) {
        throw new IllegalStateException("namespace '" + options.namespace() + "' holds journals of "
            + new String(first, StandardCharsets.UTF_8) + " partitions, this engine was built with "
            + options.partitions() + "; use the same partition count (or purge the namespace)");
      }
      Await.get(redis.set(metaKey, mine.getBytes(StandardCharsets.UTF_8), SetArgs.Builder.nx()).toCompletableFuture(),
          timeoutMillis, "recording namespace settings");
      got = Await.get(redis.get(metaKey).toCompletableFuture(), timeoutMillis, "reading namespace settings");
    }
    String recorded = got == null ? mine : new String(got, StandardCharsets.UTF_8);
    if (kind == null && sink == null && recorded.startsWith(mine + ";")) {
      // A tool's engine (no sink: status, dead letters) reads a namespace of another kind;
      // it may not write to it (see requireOwnKind) and cannot drain it without a sink.
      foreignKind = recorded.substring(mine.length() + 1);
      return;
    }
    if (!recorded.equals(mine)) {
      throw new IllegalStateException(settingsMismatch(options.namespace(), recorded, mine));
    }
  }

  /**
   * Why an engine cannot use a namespace recorded with other settings. A namespace of another
   * kind is named as such: purging it to fit would drop its unflushed writes.
   */
  static String settingsMismatch(String namespace, String recorded, String mine) {
    String[] theirs = recorded.split(";", 3);
    String[] ours = mine.split(";", 3);
    if (!theirs[0].equals(ours[0])) {
      return "namespace '" + namespace + "' already uses " + theirs[0] + ", this engine was built with " + ours[0]
          + "; use the same partition count (or purge the namespace)";
    }
    if (theirs.length < 2 || !theirs[1].equals(ours[1])) {
      return "namespace '" + namespace + "' was written with another journal format ("
          + (theirs.length < 2 ? "an older one" : theirs[1]) + ", this engine " + ours[1]
          + "); drain it with the version that wrote it first";
    }
    return "namespace '" + namespace + "' holds " + kindOf(theirs) + ", not " + kindOf(ours)
        + "; use a namespace of its own for each";
  }

  private static String kindOf(String[] settings) {
    return settings.length < 3 ? "whole values (a write-behind cache)" : settings[2];
  }

  @Override
  public long put(K key, V value, String meta) {
    return Await.write(putAsync(key, value, meta), timeoutMillis, "put");
  }

  @Override
  public CompletableFuture<Long> putAsync(K key, V value, String meta) {
    requireOwnKind();
    Objects.requireNonNull(value, "value (use delete to remove a key)");
    return writePath.write(Objects.requireNonNull(key, "key"), value, meta);
  }

  @Override
  public Map<K, Long> putAll(Map<? extends K, ? extends V> entries) {
    Map<K, CompletableFuture<Long>> futures = new LinkedHashMap<>();
    entries.forEach((k, v) -> futures.put(k, putAsync(k, v, null)));
    // one deadline for all: they were sent together
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    Map<K, Long> versions = new LinkedHashMap<>();
    futures.forEach((k, f) -> versions.put(k,
        Await.write(f, Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())), "putAll")));
    return versions;
  }

  @Override
  public long delete(K key, String meta) {
    return Await.write(deleteAsync(key, meta), timeoutMillis, "delete");
  }

  @Override
  public CompletableFuture<Long> deleteAsync(K key, String meta) {
    requireOwnKind();
    return writePath.write(Objects.requireNonNull(key, "key"), null, meta);
  }

  @Override
  public OptionalLong putTakingHead(String list, byte[] head, K key, V value, String meta) {
    String encoded = codec.encodeKey(Objects.requireNonNull(key, "key"));
    byte[] data = codec.encodeValue(Objects.requireNonNull(value, "value"));
    if (data.length > options.maxValueBytes()) {
      throw new ValueTooLargeException(data.length, options.maxValueBytes());
    }
    Journal.WriteResult r = Await.write(ListImport.take(journal, Objects.requireNonNull(list, "list"),
        Objects.requireNonNull(head, "head"), encoded, data, meta, options.maxJournalLength()), timeoutMillis, "put");
    if (r == null) {
      return OptionalLong.empty();
    }
    if (!r.accepted()) {
      throw new JournalFullException(r.partition(), r.journalLength(), options.maxJournalLength());
    }
    return OptionalLong.of(Versions.fromEntryId(r.entryId()));
  }

  @Override
  public Optional<V> getIfPresent(K key) {
    Journal.Cached cached = Await.get(journal.read(codec.encodeKey(key)), timeoutMillis, "get");
    return cached == null || cached.deleted() ? Optional.empty() : Optional.of(codec.decodeValue(cached.data()));
  }

  @Override
  public CacheRead<V> read(K key, Function<? super K, ? extends V> loader) {
    String encoded = codec.encodeKey(Objects.requireNonNull(key, "key"));
    Journal.Cached cached = Await.get(journal.readWithState(encoded), timeoutMillis, "get");
    if (cached != null) {
      Optional<V> value = cached.deleted() ? Optional.empty() : Optional.of(codec.decodeValue(cached.data()));
      return new CacheRead<>(value, true, cached.dirty());
    }
    V loaded = loader.apply(key);
    if (loaded == null) {
      return new CacheRead<>(Optional.empty(), false, false);
    }
    boolean filled = Await.get(journal.fill(encoded, codec.encodeValue(loaded), options.ttl().toMillis()), timeoutMillis, "fill");
    if (!filled) {
      // A write landed while the loader ran: it is newer than what the loader read.
      Journal.Cached now = Await.get(journal.readWithState(encoded), timeoutMillis, "get");
      if (now != null) {
        Optional<V> value = now.deleted() ? Optional.empty() : Optional.of(codec.decodeValue(now.data()));
        return new CacheRead<>(value, false, now.dirty());
      }
    }
    return new CacheRead<>(Optional.of(loaded), false, false);
  }

  @Override
  public Map<K, V> getAllPresent(Collection<K> keys) {
    Map<K, CompletableFuture<Journal.Cached>> futures = new LinkedHashMap<>();
    for (K k : keys) {
      futures.put(k, journal.read(codec.encodeKey(k)));
    }
    Map<K, V> out = new LinkedHashMap<>();
    futures.forEach((k, f) -> {
      Journal.Cached c = Await.get(f, timeoutMillis, "getAll");
      if (c != null && !c.deleted()) {
        out.put(k, codec.decodeValue(c.data()));
      }
    });
    return out;
  }

  @Override
  public void flush(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int n = options.partitions();
    List<PartitionProgress> marks = progress(false);
    throwIfLost(marks, null);
    List<String> markIds = new ArrayList<>(n);
    for (PartitionProgress p : marks) {
      markIds.add(p.length() == 0 ? null : p.lastGeneratedId());
    }
    long sleepMillis = 1;
    while (true) {
      List<PartitionProgress> behind = new ArrayList<>();
      List<CompletableFuture<PartitionProgress>> futures = new ArrayList<>();
      for (int p = 0; p < n; p++) {
        futures.add(markIds.get(p) == null ? null : journal.progress(p, markIds.get(p), false));
      }
      for (int p = 0; p < n; p++) {
        if (futures.get(p) == null) {
          continue;
        }
        PartitionProgress pp = Await.get(futures.get(p), timeoutMillis, "flush");
        throwIfLost(List.of(pp), marks.get(p).epoch());
        if (pp.flushedToMark()) {
          markIds.set(p, null);
        } else {
          behind.add(pp);
        }
      }
      if (behind.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        List<PartitionStatus> counted = new ArrayList<>(behind.size());
        for (PartitionProgress pp : behind) {
          counted.add(Await.get(journal.progress(pp.partition(), null, true), timeoutMillis, "flush").toStatus());
        }
        throw new FlushTimeoutException(timeout, counted);
      }
      sleep(sleepMillis);
      sleepMillis = Math.min(20, sleepMillis * 2);
    }
  }

  /**
   * A journal that vanished may have taken acknowledged writes with it: counted by whoever
   * found it gone, or seen here as a record created anew since {@code epochBefore}.
   */
  private static void throwIfLost(List<PartitionProgress> parts, String epochBefore) {
    List<Integer> lost = new ArrayList<>();
    for (PartitionProgress p : parts) {
      if (p.journalLosses() > 0 || (epochBefore != null && !epochBefore.equals(p.epoch()))) {
        lost.add(p.partition());
      }
    }
    if (!lost.isEmpty()) {
      throw new JournalLostException(lost);
    }
  }

  @Override
  public long acknowledgeJournalLosses() {
    RedisClusterAsyncCommands<String, byte[]> redis = connection.async();
    List<CompletableFuture<Long>> cleared = new ArrayList<>();
    for (int p = 0; p < options.partitions(); p++) {
      cleared.add(redis.hdel(journal.layout().partitionKey(p), "lost", "lostAt").toCompletableFuture());
    }
    long n = 0;
    for (CompletableFuture<Long> f : cleared) {
      n += Await.get(f, timeoutMillis, "acknowledging journal losses") > 0 ? 1 : 0;
    }
    if (n > 0) {
      log.warn("namespace '{}': journal losses of {} partition(s) acknowledged", options.namespace(), n);
    }
    return n;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WriteBehindException("flush interrupted", e);
    }
  }

  private List<PartitionProgress> progress(boolean countPending) {
    List<CompletableFuture<PartitionProgress>> futures = new ArrayList<>();
    for (int p = 0; p < options.partitions(); p++) {
      futures.add(journal.progress(p, null, countPending));
    }
    List<PartitionProgress> out = new ArrayList<>();
    for (CompletableFuture<PartitionProgress> f : futures) {
      out.add(Await.get(f, timeoutMillis, "status"));
    }
    return out;
  }

  @Override
  public synchronized Worker startWorker(WorkerOptions workerOptions) {
    if (sink == null) {
      throw new IllegalStateException("a worker needs a sink: set one on the builder");
    }
    return startWorker(workerOptions, DrainWorker.values(journal, codec, sink, options.ttl(), workerOptions));
  }

  /** Starts a worker that hands its batches to {@code batches}; {@link #close()} stops it with the others. */
  public synchronized Worker startWorker(WorkerOptions workerOptions, DrainWorker.BatchesFactory batches) {
    DrainWorker worker = new DrainWorker(journal, workerOptions, batches);
    worker.start();
    workers.add(worker);
    return worker;
  }

  @Override
  public QueueStatus status() {
    List<PartitionProgress> parts = progress(true);
    long now = parts.isEmpty() ? System.currentTimeMillis() : parts.get(0).serverTimeMillis();
    List<WorkerInfo> infos = new WorkerRegistry(journal, WorkerOptions.defaults().leaseTtl()).list(now, timeoutMillis);
    return new QueueStatus(options.namespace(), parts.stream().map(PartitionProgress::toStatus).toList(), infos);
  }

  @Override
  public long purgeNamespace() {
    RedisClusterAsyncCommands<String, byte[]> redis = connection.async();
    List<PartitionProgress> before = progress(false);
    // Set before the first key goes, and kept: workers that find their journals gone in the
    // next minutes take it for this purge, not a loss.
    String marker = journal.layout().purgedKey();
    Await.get(redis.set(marker, "1".getBytes(StandardCharsets.UTF_8),
        SetArgs.Builder.px(TimeUnit.MINUTES.toMillis(10))).toCompletableFuture(), timeoutMillis, "purge");
    long deleted = 0;
    for (String pattern : journal.layout().scanPatterns()) {
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page = Await.get(
            redis.scan(cursor, ScanArgs.Builder.matches(pattern).limit(1000)).toCompletableFuture(), timeoutMillis, "purge");
        // One key per command (a cluster's keys span slots), all of a page in flight at once;
        // UNLINK frees big journals off the server's main thread.
        List<CompletableFuture<Long>> unlinks = new ArrayList<>(page.getKeys().size());
        for (String key : page.getKeys()) {
          if (!key.equals(marker)) {
            unlinks.add(redis.unlink(key).toCompletableFuture());
          }
        }
        for (CompletableFuture<Long> f : unlinks) {
          deleted += Await.get(f, timeoutMillis, "purge");
        }
        cursor = page;
      } while (!cursor.isFinished());
    }
    waitPastLastVersions(before);
    return deleted;
  }

  /**
   * A journal created anew starts its ids at the server's clock, so a write right after a
   * purge could get the very version of a write before it, within the same millisecond, and
   * the database's guard (which still holds that version) would refuse it. Returns once each
   * partition's server clock has passed its journal's last id.
   */
  private void waitPastLastVersions(List<PartitionProgress> before) {
    for (PartitionProgress p : before) {
      if (p.lastGeneratedId() == null) {
        continue;
      }
      long lastMillis = Versions.millisOf(Versions.fromEntryId(p.lastGeneratedId()));
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
      while (Await.get(journal.progress(p.partition(), null, false), timeoutMillis, "purge").serverTimeMillis() <= lastMillis) {
        if (System.nanoTime() > deadline) {
          throw new WriteBehindException("purge: the server clock of partition " + p.partition()
              + " stays behind its journal's last id " + p.lastGeneratedId());
        }
        sleep(1);
      }
    }
  }

  @Override
  public CommandTrace commandsFor(K key, V value) {
    String encoded = codec.encodeKey(Objects.requireNonNull(key, "key"));
    byte[] data = value == null ? new byte[0] : codec.encodeValue(value);
    return CommandTraces.of(journal, encoded,
        journal.writeCall(encoded, data, value == null, null, options.maxJournalLength()), options.ttl().toMillis());
  }

  /** An engine that reads a namespace of another kind may not write to it. */
  private void requireOwnKind() {
    if (foreignKind != null) {
      throw new IllegalStateException("namespace '" + options.namespace() + "' holds " + foreignKind
          + ": this engine may read its status and dead letters, not write to it");
    }
  }

  /** The journal of this namespace, for engines built on this one (counters). */
  public Journal journal() {
    return journal;
  }

  WritePath<K, V> writePath() {
    return writePath;
  }

  @Override
  public Admin admin() {
    return this;
  }

  @Override
  public DeadLetters deadLetters() {
    return new JournalDeadLetters(journal, timeoutMillis);
  }

  @Override
  public JournalReplay replayJournal(int partition, String fromId) {
    return JournalReplays.replay(journal, partition, fromId, timeoutMillis);
  }

  @Override
  public List<String> durabilityWarnings() {
    return DurabilityCheck.warnings(connection.async(), options, timeoutMillis);
  }

  @Override
  public WriteBehindOptions options() {
    return options;
  }

  @Override
  public void close() {
    List<DrainWorker> toStop;
    synchronized (this) {
      toStop = new ArrayList<>(workers);
      workers.clear();
    }
    for (DrainWorker w : toStop) {
      w.close();
    }
    writePath.close();
    connection.close();
  }
}
