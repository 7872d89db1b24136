package io.writebehind;

import io.writebehind.admin.Admin;
import io.writebehind.admin.CommandTrace;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A write-behind cache: writes land in Valkey and return; workers drain them into the
 * database in batches.
 *
 * <p>A write returns only once its value and its journal entry are both stored, in one
 * atomic server-side step, and it returns the write's version. Each acknowledged write
 * reaches the database unless a later write of the same key supersedes it. Reads see the
 * newest write: a written value stays cached (without TTL) until it is flushed.
 *
 * <pre>{@code
 * WriteBehind<Long, Flight> flights = WriteBehind.builder(new FlightCodec())
 *     .valkeyUrl("redis://127.0.0.1:6379")
 *     .namespace("flight")
 *     .sink(new FlightSink(dataSource, dialect))
 *     .build();
 * flights.put(115L, delayed);                         // cache speed
 * Worker worker = flights.startWorker(WorkerOptions.defaults());
 * flights.flush(Duration.ofSeconds(5));               // now it is in the database
 * }</pre>
 */
public interface WriteBehind<K, V> extends AutoCloseable {

  /** A builder of engines whose keys and values the codec turns into Valkey's strings and bytes. */
  static <K, V> WriteBehindBuilder<K, V> builder(Codec<K, V> codec) {
    return new WriteBehindBuilder<>(codec);
  }

  /**
   * When Valkey gave a version (what {@link #put} returns), in milliseconds since the epoch:
   * a version is the write's journal entry id read as one number, milliseconds times a
   * million plus a sequence.
   */
  static long versionMillis(long version) {
    return io.writebehind.internal.journal.Versions.millisOf(version);
  }

  /**
   * Stores the value and journals it for the database; returns the write's version.
   *
   * @throws JournalFullException if the partition's journal is full (nothing was stored)
   * @throws KeyTooLargeException if the encoded key is over {@code maxKeyBytes} (nothing was stored)
   * @throws ValueTooLargeException if the encoded value is over {@code maxValueBytes} (nothing was stored)
   * @throws WriteOutcomeUnknownException if no answer came within the command timeout: the
   *     write may have been stored; nothing retries it
   * @throws DurabilityException if it was stored but did not reach the asked durability in time
   */
  default long put(K key, V value) {
    return put(key, value, null);
  }

  /** As {@link #put(Object, Object)}, with a note the sink receives (an audit trail, say). */
  long put(K key, V value, String meta);

  /** As {@link #put(Object, Object)} without waiting: the future fails with the same exceptions. */
  default CompletableFuture<Long> putAsync(K key, V value) {
    return putAsync(key, value, null);
  }

  /** As {@link #put(Object, Object, String)} without waiting. */
  CompletableFuture<Long> putAsync(K key, V value, String meta);

  /**
   * Many writes sent together (pipelined), each atomic on its own, waited for under one
   * deadline; returns each key's version.
   *
   * @throws WriteBehindException the first failure met; the other writes may have been stored
   */
  Map<K, Long> putAll(Map<? extends K, ? extends V> entries);

  /**
   * Deletes the key in the cache now and in the database later; returns the version.
   *
   * @throws WriteOutcomeUnknownException as for {@link #put(Object, Object)}
   */
  default long delete(K key) {
    return delete(key, null);
  }

  /** As {@link #delete(Object)}, with a note the sink receives. */
  long delete(K key, String meta);

  /** As {@link #delete(Object)} without waiting. */
  default CompletableFuture<Long> deleteAsync(K key) {
    return deleteAsync(key, null);
  }

  /** As {@link #delete(Object, String)} without waiting. */
  CompletableFuture<Long> deleteAsync(K key, String meta);

  /**
   * Takes the first element of the Valkey list {@code list} and puts the value, in one
   * atomic step, if that element is still {@code head}: for moving another system's queue
   * into this one, one element per call, so that a process dying midway leaves each element
   * either in the list or journaled, never both, never neither. The list must be on the
   * same server (on a cluster, in the key's slot).
   *
   * @return the put's version, or empty when the list's first element is not {@code head}
   *     (nothing was taken or stored)
   * @throws JournalFullException if the partition's journal is full (nothing was taken)
   * @throws ValueTooLargeException if the encoded value is over {@code maxValueBytes}
   */
  OptionalLong putTakingHead(String list, byte[] head, K key, V value, String meta);

  /** The cached value, without touching the database. */
  Optional<V> getIfPresent(K key);

  /**
   * The cached value, or on a miss the loader's (filled into the cache only if no write
   * came meanwhile). A {@code null} from the loader means the key does not exist.
   */
  default Optional<V> get(K key, Function<? super K, ? extends V> loader) {
    return read(key, loader).value();
  }

  /** As {@link #get(Object, Function)}, telling whether it was a hit. */
  CacheRead<V> read(K key, Function<? super K, ? extends V> loader);

  /** Cached values of many keys in one round trip; missing keys are absent from the map. */
  Map<K, V> getAllPresent(Collection<K> keys);

  /**
   * Returns once every write acknowledged before this call is in the database (drained by
   * any worker, in this process or another).
   *
   * @throws FlushTimeoutException with the queue state if that takes longer than the timeout
   * @throws JournalLostException if a journal vanished (now or earlier, not yet acknowledged):
   *     some acknowledged writes may never reach the database
   */
  void flush(Duration timeout);


  /** Starts a worker in this process; {@link Worker#close} stops it. Needs a sink. */
  Worker startWorker(WorkerOptions options);

  /**
   * The Valkey commands this engine runs for the key (read, fill, the write of this value or,
   * for null, a delete, the drain's read, the acknowledgement), spelled out from the same
   * layout and scripts: for a person to read, or for a benchmark's floor. Sends nothing.
   */
  CommandTrace commandsFor(K key, V value);

  /** Status, dead letters, losses and purge of this namespace: what an operator does. */
  Admin admin();

  /** The engine's settings. */
  WriteBehindOptions options();

  @Override
  void close();
}
