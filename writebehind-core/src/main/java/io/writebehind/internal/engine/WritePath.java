package io.writebehind.internal.engine;

import io.writebehind.Codec;
import io.writebehind.Durability;
import io.writebehind.DurabilityException;
import io.writebehind.JournalFullException;
import io.writebehind.KeyTooLargeException;
import io.writebehind.OverflowPolicy;
import io.writebehind.ValueTooLargeException;
import io.writebehind.WriteBehindException;
import io.writebehind.WriteBehindOptions;
import io.writebehind.WriteOutcomeUnknownException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.output.ArrayOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.writebehind.internal.journal.Journal;
import io.writebehind.ValkeyConnection;
import io.writebehind.internal.journal.Versions;
import io.writebehind.sink.Sink;
import io.writebehind.sink.SinkRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Where a write goes: the write script first; when the journal is full, the overflow
 * policy; then whatever durability was asked for. Asynchronous all the way, so that a
 * thread issuing many writes pipelines them.
 */
final class WritePath<K, V> implements AutoCloseable {
  private static final ProtocolKeyword WAITAOF = new ProtocolKeyword() {
    @Override
    public byte[] getBytes() {
      return "WAITAOF".getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
      return "WAITAOF";
    }
  };

  private final Journal journal;
  private final Codec<K, V> codec;
  private final Sink<K, V> sink;
  private final WriteBehindOptions options;
  private final ThreadPoolExecutor writeThrough;
  private final GroupCommit<long[]> groupCommit = new GroupCommit<>();

  WritePath(Journal journal, Codec<K, V> codec, Sink<K, V> sink, WriteBehindOptions options) {
    this.journal = journal;
    this.codec = codec;
    this.sink = sink;
    this.options = options;
    // Database calls must never run on Lettuce's event loop; past 16 at once the caller runs them.
    this.writeThrough = options.overflow() == OverflowPolicy.WRITE_THROUGH
        ? new ThreadPoolExecutor(0, 16, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "wb-" + options.namespace() + "-write-through");
            t.setDaemon(true);
            return t;
          }, new ThreadPoolExecutor.CallerRunsPolicy())
        : null;
  }

  /** Writes the value, or deletes the key when {@code value} is null; completes with the version. */
  CompletableFuture<Long> write(K key, V value, String meta) {
    String encoded = codec.encodeKey(key);
    KeyTooLargeException tooLarge = keyTooLarge(encoded, options.maxKeyBytes());
    if (tooLarge != null) {
      return CompletableFuture.failedFuture(tooLarge);
    }
    byte[] data = value == null ? new byte[0] : codec.encodeValue(value);
    if (data.length > options.maxValueBytes()) {
      return CompletableFuture.failedFuture(new ValueTooLargeException(data.length, options.maxValueBytes()));
    }
    long deadline = System.nanoTime() + options.blockTimeout().toNanos();
    CompletableFuture<Long> outcome = new CompletableFuture<>();
    CompletableFuture<Long> stored = attempt(key, value, encoded, data, meta, deadline, 1, outcome);
    String journalKey = journal.layout().journalKey(journal.layout().partitionOf(encoded));
    (options.durability().waits() ? stored.thenCompose(v -> durable(List.of(journalKey), v)) : stored).whenComplete((v, e) -> {
      if (e == null) {
        outcome.complete(v);
      } else {
        outcome.completeExceptionally(unwrap(e) instanceof RedisCommandTimeoutException t
            ? outcomeUnknown("write", options.commandTimeout().toMillis(), t) : unwrap(e));
      }
    });
    return outcome;
  }

  /** The refusal of an encoded key over {@code max} UTF-8 bytes, or {@code null} when it fits. */
  static KeyTooLargeException keyTooLarge(String encoded, int max) {
    // A UTF-8 char takes at most 3 bytes per UTF-16 unit: most keys need no encoding to check.
    if (encoded.length() * 3L > max) {
      int bytes = encoded.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > max) {
        return new KeyTooLargeException(bytes, max);
      }
    }
    return null;
  }

  /** The exception for a write sent without an answer in time. */
  static WriteOutcomeUnknownException outcomeUnknown(String what, long timeoutMillis, Throwable cause) {
    return new WriteOutcomeUnknownException(what + " got no answer within " + timeoutMillis
        + " ms: it may or may not have been stored (and then reaches the database); nothing retries it", cause);
  }

  /** The failure itself, out of the CompletionException a future wraps it in. */
  static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }

  /**
   * One try of the write script; under {@link OverflowPolicy#BLOCK} a full journal is tried
   * again until the deadline, unless the caller gave up on the write ({@code outcome} done):
   * a write the caller was told failed must never be stored after.
   */
  private CompletableFuture<Long> attempt(K key, V value, String encoded, byte[] data, String meta, long deadline, int tries,
      CompletableFuture<Long> outcome) {
    if (outcome.isDone()) {
      return CompletableFuture.failedFuture(new WriteBehindException("write abandoned by its caller before a retry"));
    }
    return journal.write(encoded, data, value == null, meta, options.maxJournalLength()).thenCompose(r -> {
      if (r.accepted()) {
        return CompletableFuture.completedFuture(Versions.fromEntryId(r.entryId()));
      }
      JournalFullException full = new JournalFullException(r.partition(), r.journalLength(), options.maxJournalLength());
      switch (options.overflow()) {
        case BLOCK -> {
          if (System.nanoTime() > deadline) {
            return CompletableFuture.failedFuture(full);
          }
          Executor later = CompletableFuture.delayedExecutor(Math.min(50, 1L << Math.min(tries, 6)), TimeUnit.MILLISECONDS);
          return CompletableFuture.supplyAsync(() -> null, later)
              .thenCompose(x -> attempt(key, value, encoded, data, meta, deadline, tries + 1, outcome));
        }
        case WRITE_THROUGH -> {
          return writeThrough(key, value, encoded, data, meta, r.partition());
        }
        default -> {
          return CompletableFuture.failedFuture(full);
        }
      }
    });
  }

  /**
   * Takes a version ordered with the key's journaled writes, commits the write through the
   * guarded sink, then shows it in the cache unless a newer write is there. A failure
   * before the commit leaves nothing but an unused version.
   */
  private CompletableFuture<Long> writeThrough(K key, V value, String encoded, byte[] data, String meta, int partition) {
    return journal.reserveVersion(partition).thenApplyAsync(id -> {
      long version = Versions.fromEntryId(id);
      try {
        sink.apply(List.of(new SinkRecord<>(key, value, version, Versions.millisOf(version), meta, 1)));
      } catch (Exception e) {
        throw new CompletionException(new WriteBehindException("write-through of a write refused by a full journal failed: " + e.getMessage(), e));
      }
      return id;
    }, writeThrough).thenCompose(id -> journal.settle(encoded, id, value == null, data, options.ttl().toMillis())
        .thenApply(x -> Versions.fromEntryId(id)));
  }

  /**
   * Waits for the durability asked for the writes to the journals {@code journalKeys};
   * completes with the version. WAIT and WAITAOF cover what was sent before them on the
   * connection they go to, so they go to the connection that carried the writes: on a
   * cluster one per primary the journals live on. Concurrent writes share them
   * ({@link GroupCommit}).
   */
  CompletableFuture<Long> durable(java.util.Collection<String> journalKeys, long version) {
    Durability d = options.durability();
    if (!d.waits()) {
      return CompletableFuture.completedFuture(version);
    }
    ValkeyConnection connection = journal.connection();
    java.util.Map<String, String> byNode = new java.util.LinkedHashMap<>();
    for (String key : journalKeys) {
      byNode.putIfAbsent(connection.nodeOf(key), key);
    }
    CompletableFuture<?>[] waits = byNode.entrySet().stream()
        .map(e -> groupCommit.await(e.getKey(), () -> connection.writerOf(e.getValue()).thenCompose(node -> waitOn(node, d)))
            .thenAccept(reached -> check(reached, d, version)))
        .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(waits).thenApply(x -> version);
  }

  /** Sends one WAIT or WAITAOF; completes with {local AOFs, replicas} that have what came before it. */
  private static CompletableFuture<long[]> waitOn(RedisClusterAsyncCommands<String, byte[]> redis, Durability d) {
    long timeout = d.timeout().toMillis();
    if (d.aof()) {
      CommandArgs<String, byte[]> args = new CommandArgs<>(ValkeyConnection.CODEC)
          .add(1).add(d.replicas()).add(timeout);
      return redis.dispatch(WAITAOF, new ArrayOutput<>(ValkeyConnection.CODEC), args)
          .toCompletableFuture().thenApply(r -> new long[] {(Long) r.get(0), (Long) r.get(1)});
    }
    return redis.waitForReplication(d.replicas(), timeout).toCompletableFuture().thenApply(n -> new long[] {0, n});
  }

  private static void check(long[] reached, Durability d, long version) {
    long timeout = d.timeout().toMillis();
    if (d.aof() && (reached[0] < 1 || reached[1] < d.replicas())) {
      throw new DurabilityException("write " + version + " reached the AOF of " + reached[0] + " primary and "
          + reached[1] + " of " + d.replicas() + " replicas within " + timeout + " ms");
    }
    if (!d.aof() && reached[1] < d.replicas()) {
      throw new DurabilityException("write " + version + " reached " + reached[1] + " of " + d.replicas() + " replicas within "
          + timeout + " ms");
    }
  }

  @Override
  public void close() {
    if (writeThrough != null) {
      writeThrough.shutdown();
      try {
        writeThrough.awaitTermination(options.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
