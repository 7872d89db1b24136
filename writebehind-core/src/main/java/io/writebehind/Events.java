package io.writebehind;

import io.writebehind.admin.Admin;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A stream of events (sensor readings, position reports, activity, log lines) appended at
 * cache speed and ingested into the database exactly once.
 *
 * <p>The stream is the builder's namespace. An append journals the event and updates what
 * readers want at cache speed, the key's latest event and (optionally) its last few, in one
 * atomic server-side step; it returns the event's id, which the database's row carries.
 * Workers copy the journal into the database in batches (PostgreSQL's {@code COPY}). Each
 * batch is one transaction that also moves the partition's position in the database, so an
 * event is stored once whatever happens: a worker killed between the commit and the
 * acknowledgement, a journal read again, a worker that lost its lease and goes on.
 *
 * <p>Ids increase within a partition (a key's events are in one partition, in the order
 * appended); they are entry ids of the journal read as numbers, milliseconds times a million
 * plus a sequence.
 *
 * <pre>{@code
 * Events<Long, Report> reports = Events.builder(reportCodec)
 *     .valkeyUrl("redis://127.0.0.1:6379")
 *     .namespace("flight_event")
 *     .recent(10)
 *     .sink(JdbcEventSink.<Long, Report>builder(dataSource, "flight_event")
 *         .idColumn("event_id").keyColumn("flight_id").column("altitude_ft", Report::altitude).build())
 *     .build();
 * long id = reports.append(115L, report);
 * }</pre>
 *
 * @param <K> key type
 * @param <E> event type
 */
public interface Events<K, E> extends AutoCloseable {

  /** A builder of a stream whose keys and events the codec encodes. */
  static <K, E> EventsBuilder<K, E> builder(Codec<K, E> codec) {
    return new EventsBuilder<>(codec);
  }

  /**
   * Appends the event and returns its id once it is in the journal (and as durable as the
   * builder's {@code durability} asks).
   *
   * @throws JournalFullException when the key's partition holds {@code maxJournalLength} entries
   * @throws WriteOutcomeUnknownException when the server did not answer in time: the event
   *     may have been appended
   */
  long append(K key, E event);

  /** {@link #append} without waiting: the future completes with the id, or the same exceptions. */
  CompletableFuture<Long> appendAsync(K key, E event);

  /**
   * Appends many events in few round trips: one atomic step per partition of up to a few
   * hundred events, all sent at once. Returns the ids in the order given.
   *
   * @throws AppendIncompleteException when a partition's share failed: it tells which events
   *     were appended
   */
  long[] appendAll(List<? extends Map.Entry<K, E>> events);

  /** The key's latest event as the cache holds it; empty when none came within the ttl. */
  Optional<E> latest(K key);

  /** The key's last events, newest first, at most the builder's {@code recent} (none when it is 0). */
  List<E> recent(K key);

  /** Waits until every event appended before the call is in the database. */
  void flush(Duration timeout);

  /** Starts a worker that copies the journal into the sink; {@link #close()} stops it too. */
  Worker startWorker(WorkerOptions options);

  /** Status, dead letters and the journal's upkeep. */
  Admin admin();

  /** Stops the workers started here and closes the connection. */
  @Override
  void close();
}
