package io.writebehind.internal.engine;

import io.lettuce.core.RedisCommandTimeoutException;
import io.writebehind.AppendIncompleteException;
import io.writebehind.Codec;
import io.writebehind.Events;
import io.writebehind.JournalFullException;
import io.writebehind.KeyTooLargeException;
import io.writebehind.ValueTooLargeException;
import io.writebehind.WriteBehindOptions;
import io.writebehind.admin.Admin;
import io.writebehind.internal.drain.EventBatchProcessor;
import io.writebehind.internal.journal.Journal;
import io.writebehind.internal.journal.Versions;
import io.writebehind.sink.EventSink;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Events on the engine's namespace machinery (settings, flush, status, workers): an append
 * is one script per partition, a worker copies the journal into the sink.
 */
public final class DefaultEvents<K, E> implements Events<K, E> {
  /** Events per script call of {@link #appendAll}: long enough to pay, short enough not to stall the server. */
  static final int CHUNK = 256;

  private final DefaultWriteBehind<K, byte[]> engine;
  private final Journal journal;
  private final Codec<K, E> codec;
  private final int recent;
  private final EventSink<K, E> sink;
  private final WriteBehindOptions options;
  private final long timeoutMillis;

  public DefaultEvents(DefaultWriteBehind<K, byte[]> engine, Codec<K, E> codec, int recent, EventSink<K, E> sink) {
    this.engine = engine;
    this.journal = engine.journal();
    this.codec = codec;
    this.recent = recent;
    this.sink = sink;
    this.options = engine.options();
    this.timeoutMillis = options.commandTimeout().toMillis();
  }

  @Override
  public long append(K key, E event) {
    return Await.write(appendAsync(key, event), timeoutMillis, "append");
  }

  @Override
  public CompletableFuture<Long> appendAsync(K key, E event) {
    String encoded;
    byte[] data;
    try {
      encoded = encodeKey(key);
      data = encodeEvent(event);
    } catch (RuntimeException refused) {
      return CompletableFuture.failedFuture(refused);
    }
    int p = journal.layout().partitionOf(encoded);
    return durable(List.of(p), run(p, List.of(encoded), List.of(data)).thenApply(ids -> ids[0]));
  }

  @Override
  public long[] appendAll(List<? extends Map.Entry<K, E>> events) {
    int n = events.size();
    long[] ids = new long[n];
    // Each partition's events in the order given, sent as chunks all at once.
    Map<Integer, List<Integer>> byPartition = new TreeMap<>();
    String[] keys = new String[n];
    byte[][] data = new byte[n][];
    for (int i = 0; i < n; i++) {
      Map.Entry<K, E> e = Objects.requireNonNull(events.get(i), "events must not hold null");
      keys[i] = encodeKey(e.getKey());
      data[i] = encodeEvent(e.getValue());
      byPartition.computeIfAbsent(journal.layout().partitionOf(keys[i]), p -> new ArrayList<>()).add(i);
    }
    List<int[]> chunks = new ArrayList<>();
    List<CompletableFuture<long[]>> calls = new ArrayList<>();
    for (Map.Entry<Integer, List<Integer>> part : byPartition.entrySet()) {
      List<Integer> at = part.getValue();
      for (int from = 0; from < at.size(); from += CHUNK) {
        int[] chunk = at.subList(from, Math.min(at.size(), from + CHUNK)).stream().mapToInt(Integer::intValue).toArray();
        List<String> k = new ArrayList<>(chunk.length);
        List<byte[]> d = new ArrayList<>(chunk.length);
        for (int i : chunk) {
          k.add(keys[i]);
          d.add(data[i]);
        }
        chunks.add(chunk);
        calls.add(run(part.getKey(), k, d));
      }
    }
    RuntimeException failure = null;
    long newest = 0;
    for (int c = 0; c < calls.size(); c++) {
      try {
        long[] got = Await.write(calls.get(c), timeoutMillis, "appendAll");
        int[] chunk = chunks.get(c);
        for (int j = 0; j < chunk.length; j++) {
          ids[chunk[j]] = got[j];
          newest = Math.max(newest, got[j]);
        }
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure == null && newest > 0) {
      try {
        Await.write(durable(byPartition.keySet(), CompletableFuture.completedFuture(newest)), timeoutMillis, "appendAll");
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    if (failure != null) {
      long done = java.util.Arrays.stream(ids).filter(id -> id != 0).count();
      throw new AppendIncompleteException(done + " of " + n + " events appended: " + failure.getMessage(), ids, failure);
    }
    return ids;
  }

  /** One script call: the ids as numbers, or a failed future ({@link JournalFullException}, outcome unknown). */
  private CompletableFuture<long[]> run(int partition, List<String> keys, List<byte[]> data) {
    return journal.append(partition, keys, data, options.ttl().toMillis(), recent, options.maxJournalLength())
        .handle((r, e) -> {
          if (e != null) {
            Throwable cause = WritePath.unwrap(e);
            throw cause instanceof RedisCommandTimeoutException t
                ? WritePath.outcomeUnknown("append", timeoutMillis, t)
                : cause instanceof RuntimeException re ? re : new CompletionException(cause);
          }
          if (r.entryIds() == null) {
            throw new JournalFullException(partition, r.journalLength(), options.maxJournalLength());
          }
          long[] ids = new long[r.entryIds().length];
          for (int i = 0; i < ids.length; i++) {
            ids[i] = Versions.fromEntryId(r.entryIds()[i]);
          }
          return ids;
        });
  }

  /** Completes once the id, appended to those partitions, is as durable as the builder asks. */
  private CompletableFuture<Long> durable(java.util.Collection<Integer> partitions, CompletableFuture<Long> appended) {
    if (!options.durability().waits()) {
      return appended;
    }
    List<String> journals = partitions.stream().map(journal.layout()::journalKey).toList();
    return appended.thenCompose(id -> engine.writePath().durable(journals, id));
  }

  @Override
  public Optional<E> latest(K key) {
    Map<String, byte[]> got = Await.get(journal.latest(encodeKey(key)), timeoutMillis, "latest");
    byte[] d = got.get("d");
    return d == null ? Optional.empty() : Optional.of(codec.decodeValue(d));
  }

  @Override
  public List<E> recent(K key) {
    if (recent == 0) {
      return List.of();
    }
    List<E> out = new ArrayList<>();
    for (byte[] d : Await.get(journal.recent(encodeKey(key)), timeoutMillis, "recent")) {
      out.add(codec.decodeValue(d));
    }
    return out;
  }

  private String encodeKey(K key) {
    String encoded = codec.encodeKey(Objects.requireNonNull(key, "key"));
    if (encoded.isEmpty()) {
      throw new IllegalArgumentException("an event's key must not be empty");
    }
    KeyTooLargeException tooLarge = WritePath.keyTooLarge(encoded, options.maxKeyBytes());
    if (tooLarge != null) {
      throw tooLarge;
    }
    return encoded;
  }

  private byte[] encodeEvent(E event) {
    byte[] data = codec.encodeValue(Objects.requireNonNull(event, "event"));
    if (data.length > options.maxValueBytes()) {
      throw new ValueTooLargeException(data.length, options.maxValueBytes());
    }
    return data;
  }

  @Override
  public void flush(Duration timeout) {
    engine.flush(timeout);
  }

  @Override
  public Worker startWorker(WorkerOptions workerOptions) {
    if (sink == null) {
      throw new IllegalStateException("a worker needs a sink: set one on the builder");
    }
    return engine.startWorker(workerOptions, (stats, timeout) -> new EventBatchProcessor<>(journal, codec, sink,
        workerOptions.trimJournal(), timeout, stats, workerOptions.clock()));
  }

  @Override
  public Admin admin() {
    return engine.admin();
  }

  @Override
  public void close() {
    engine.close();
  }
}
