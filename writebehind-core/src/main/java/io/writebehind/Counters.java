package io.writebehind;

import io.writebehind.admin.Admin;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.time.Duration;
import java.util.Map;

/**
 * Counters kept in Valkey and added to the database exactly once: view counts, likes,
 * bookings, scores.
 *
 * <p>An increment changes the cached totals and journals its deltas in one atomic
 * server-side step, and returns the new totals. Workers sum the deltas of a batch per key
 * and field and add them to the database's rows ({@code n = n + delta}), never overwriting a
 * total: other writers of the same rows keep their changes. Each partition's position in the
 * journal is kept in the database and moved in the same transaction as the deltas, so a
 * delta is applied once whatever happens: a worker killed between the commit and the
 * acknowledgement, a journal read again, a worker that lost its lease and goes on.
 *
 * <p>A cached counter is the database's total plus every delta still in the journal. It
 * never expires while it has deltas the database lacks; once it has none, it expires after
 * the builder's {@code ttl}. A counter not cached is read from the database (with the
 * journal's deltas the database does not have yet) before it is changed or returned, so
 * that first touch needs the database; after it, increments run at cache speed.
 *
 * <pre>{@code
 * Counters<Long> stats = Counters.builder(Codecs.longKeys())
 *     .valkeyUrl("redis://127.0.0.1:6379")
 *     .namespace("flight_stats")
 *     .fields("views", "bookings")
 *     .sink(JdbcCounterSink.builder(dataSource, "flight_stats", "flight_id").build())
 *     .build();
 * long views = stats.increment(115L, "views", 1);
 * }</pre>
 */
public interface Counters<K> extends AutoCloseable {

  /** A builder of counters whose keys the codec turns into Valkey's strings. */
  static <K> CountersBuilder<K> builder(KeyCodec<K> keys) {
    return new CountersBuilder<>(keys);
  }

  /**
   * Adds {@code delta} to the key's field; returns the new total.
   *
   * @throws IllegalArgumentException for a field not declared on the builder
   * @throws CounterOverflowException if the total would leave +-(2^53 - 1) (nothing stored)
   * @throws JournalFullException if the partition's journal is full (nothing stored)
   * @throws WriteOutcomeUnknownException if no answer came in time: the increment may have
   *     been stored; retrying it may count it twice
   * @throws CounterLoadException if the counter was not cached and its row could not be
   *     read from the database (nothing stored: safe to retry)
   */
  default long increment(K key, String field, long delta) {
    return increment(key, Map.of(field, delta)).get(field);
  }

  /**
   * Adds each delta to its field of the key in one atomic step (one journal entry); returns
   * the new totals of those fields. Throws as {@link #increment(Object, String, long)}.
   */
  Map<String, Long> increment(K key, Map<String, Long> deltas);

  /**
   * Adds {@code delta} to the member's score on the leaderboard {@code board}
   * ({@code [A-Za-z0-9_.:-]{1,64}}) and returns the new score; the database adds the deltas
   * exactly once, as for counters, in the sink's leaderboard table. A board not cached is
   * read whole from the database first.
   *
   * @throws UnsupportedOperationException if the sink keeps no leaderboards
   */
  long incrementScore(String board, K member, long delta);

  /** The board's {@code n} best members, best first (ties in Valkey's order), read from the cache. */
  java.util.List<Score<K>> top(String board, int n);

  /**
   * The key's totals, every declared field, as the cache holds them; a counter not cached
   * is read from the database first (a missing row counts as zeros).
   *
   * @throws CounterLoadException if it was not cached and the database could not be read
   */
  Map<String, Long> get(K key);

  /**
   * Returns once every increment acknowledged before this call is in the database.
   *
   * @throws FlushTimeoutException if that takes longer than the timeout
   * @throws JournalLostException if a journal vanished
   */
  void flush(Duration timeout);

  /**
   * Compares every cached counter with the database's row plus the deltas the journal holds
   * beyond the database's position, and returns the fields that differ (none when all agree).
   * Reads each cached counter's row: for an operator's check, not for a hot path.
   */
  java.util.List<CounterDrift<K>> check();

  /** Starts a worker in this process; {@link Worker#close} stops it. Needs a sink. */
  Worker startWorker(WorkerOptions options);

  /** Status, dead letters, losses and purge of this namespace. */
  Admin admin();

  /** The declared fields, in order. */
  java.util.List<String> fields();

  @Override
  void close();
}
