package io.writebehind.internal.drain;

import io.writebehind.Codec;
import io.writebehind.internal.journal.Journal;
import io.writebehind.internal.journal.JournalEntry;
import io.writebehind.internal.journal.Versions;
import io.writebehind.sink.EventBatch;
import io.writebehind.sink.EventSink;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One batch of events: the sink stores what its position says it lacks and moves the
 * position in the same transaction; only then is the journal acknowledged. The database's
 * position decides what is stored, so an event is stored once whatever was read twice.
 *
 * <p>An event the sink refuses does not hold up the others: when the whole batch fails with
 * anything but a passing error, each partition's run is split in halves, in order, until the
 * refused events stand alone. One refused alone is moved to the dead letters, and the
 * position then moves past it, when its error is the record's, or when other events of the
 * batch were stored (the database is healthy and refuses this one). Otherwise nothing is
 * dead-lettered and the batch is retried: a missing table must not empty the journal into
 * the dead letters.
 */
public final class EventBatchProcessor<K, E> implements Batches {
  private final Journal journal;
  private final Codec<K, E> codec;
  private final EventSink<K, E> sink;
  private final boolean trim;
  private final long timeoutMillis;
  private final DrainStats stats;
  private final Clock clock;

  public EventBatchProcessor(Journal journal, Codec<K, E> codec, EventSink<K, E> sink, boolean trim, long timeoutMillis,
      DrainStats stats, Clock clock) {
    this.journal = journal;
    this.codec = codec;
    this.sink = sink;
    this.trim = trim;
    this.timeoutMillis = timeoutMillis;
    this.stats = stats;
    this.clock = clock;
  }

  @Override
  public java.util.Map<Integer, Long> databasePositions(java.util.Collection<Integer> partitions) throws Exception {
    return sink.positions(journal.layout().namespace(), partitions);
  }

  @Override
  public boolean readsAfter() {
    return true;
  }

  /** A partition's run as read, each entry with its decoded event ({@code null}: dead-lettered). */
  private record Run<K, E>(int partition, List<JournalEntry> entries, List<EventBatch.Event<K, E>> events) {
    EventBatch.Run<K, E> slice(int from, int to, long after) {
      List<EventBatch.Event<K, E>> out = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        if (events.get(i) != null) {
          out.add(events.get(i));
        }
      }
      return new EventBatch.Run<>(partition, after, Versions.fromEntryId(entries.get(to - 1).id()), out);
    }

    long after(int index) {
      return Versions.fromEntryId(index == 0 ? entries.get(0).after() : entries.get(index - 1).id());
    }
  }

  @Override
  public boolean preparesAhead() {
    return true;
  }

  /**
   * What is done ahead of a batch: per entry, its event or why it cannot be one (a String),
   * and what the sink prepared of the events ({@link EventSink#prepare}).
   */
  private record Ahead(Object[] decoded, Object sink) {}

  @Override
  @SuppressWarnings("unchecked")
  public Object prepare(List<JournalEntry> entries) {
    Object[] decoded = new Object[entries.size()];
    List<EventBatch.Event<K, E>> events = new ArrayList<>(decoded.length);
    for (int i = 0; i < decoded.length; i++) {
      decoded[i] = decode(entries.get(i));
      if (decoded[i] instanceof EventBatch.Event<?, ?> e) {
        events.add((EventBatch.Event<K, E>) e);
      }
    }
    Object forSink;
    try {
      forSink = sink.prepare(events);
    } catch (RuntimeException e) {
      // the batch's transaction does the work itself and meets the failure there
      forSink = null;
    }
    return new Ahead(decoded, forSink);
  }

  private Object decode(JournalEntry e) {
    if (e.malformed()) {
      return "malformed journal entry (no key, an unknown op, or a version newer than the entry itself)";
    }
    if (!e.event()) {
      return "not an event, in a namespace of events";
    }
    try {
      return new EventBatch.Event<>(e.version(), Versions.fromEntryId(e.id()), codec.decodeKey(e.key()),
          codec.decodeValue(e.data()));
    } catch (RuntimeException bad) {
      return "cannot decode: " + DrainStats.describe(bad);
    }
  }

  @Override
  public CompletableFuture<Set<Integer>> process(List<JournalEntry> entries) throws Exception {
    return process(entries, null);
  }

  @Override
  @SuppressWarnings("unchecked")
  public CompletableFuture<Set<Integer>> process(List<JournalEntry> entries, Object prepared) throws Exception {
    Ahead ahead = prepared instanceof Ahead a && a.decoded().length == entries.size() ? a : null;
    Object[] decoded = ahead == null ? null : ahead.decoded();
    Map<JournalEntry, String> reasons = DrainStats.deadLetterReasons();
    Map<Integer, Run<K, E>> runs = new TreeMap<>();
    List<CompletableFuture<Long>> dead = new ArrayList<>();
    Run<K, E> current = null;
    for (int i = 0; i < entries.size(); i++) {
      JournalEntry e = entries.get(i);
      if (current == null || current.partition() != e.partition()) {
        // a partition's entries come together: a map lookup per run, not per entry
        current = runs.computeIfAbsent(e.partition(), p -> new Run<>(p, new ArrayList<>(), new ArrayList<>()));
      }
      current.entries().add(e);
      Object got = decoded != null ? decoded[i] : decode(e);
      if (got instanceof String refusal) {
        current.events().add(null);
        // In the dead letters before the position can move past it: never dropped in silence.
        dead.add(journal.deadLetter(e, refusal, 1, clock.millis()));
        reasons.put(e, refusal);
      } else {
        current.events().add((EventBatch.Event<K, E>) got);
      }
    }
    for (CompletableFuture<Long> f : dead) {
      f.get(timeoutMillis, TimeUnit.MILLISECONDS);
    }
    Set<Integer> gaps = new TreeSet<>();
    List<EventBatch.Run<K, E>> whole = new ArrayList<>();
    for (Run<K, E> run : runs.values()) {
      if (run.entries().get(0).after() == null || !PositionedRuns.contiguous(run.entries())) {
        gaps.add(run.partition());
      } else {
        whole.add(run.slice(0, run.entries().size(), run.after(0)));
      }
    }
    long t0 = System.nanoTime();
    try {
      gaps.addAll(sink.apply(new EventBatch<>(journal.layout().namespace(), whole), ahead == null ? null : ahead.sink()));
    } catch (Exception failure) {
      if (Failures.classify(failure) == Failures.Kind.TRANSIENT) {
        throw failure;
      }
      boolean[] stored = {false};
      for (Run<K, E> run : runs.values()) {
        if (!gaps.contains(run.partition()) && !split(run, 0, run.entries().size(), stored, reasons)) {
          gaps.add(run.partition());
        }
      }
    }
    long dbNanos = System.nanoTime() - t0;
    stats.deadLettered(entries, reasons);
    PositionedRuns.committed(stats, entries, gaps, dbNanos, clock);
    return acknowledge(runs, gaps);
  }

  /**
   * Stores entries {@code [from, to)} of a run, splitting on refusals; returns false when the
   * database's position was found elsewhere (the partition is read again).
   */
  private boolean split(Run<K, E> run, int from, int to, boolean[] stored, Map<JournalEntry, String> reasons)
      throws Exception {
    try {
      return store(run.slice(from, to, run.after(from)), stored);
    } catch (Exception e) {
      if (Failures.classify(e) == Failures.Kind.TRANSIENT) {
        throw e;
      }
      if (to - from > 1) {
        int mid = (from + to) >>> 1;
        return split(run, from, mid, stored, reasons) && split(run, mid, to, stored, reasons);
      }
      if (!stored[0] && Failures.classify(e) != Failures.Kind.RECORD) {
        throw e;
      }
      JournalEntry refused = run.entries().get(from);
      String why = DrainStats.describe(e);
      journal.deadLetter(refused, why, 1, clock.millis()).get(timeoutMillis, TimeUnit.MILLISECONDS);
      reasons.put(refused, why);
      run.events().set(from, null);
      // Only the position moves: past the event now in the dead letters.
      return store(run.slice(from, to, run.after(from)), stored);
    }
  }

  private boolean store(EventBatch.Run<K, E> run, boolean[] stored) throws Exception {
    boolean ok = sink.apply(new EventBatch<>(journal.layout().namespace(), List.of(run))).isEmpty();
    stored[0] |= ok && !run.events().isEmpty();
    return ok;
  }

  /** Acknowledges each partition the sink took; the others are read again from their position. */
  private CompletableFuture<Set<Integer>> acknowledge(Map<Integer, Run<K, E>> runs, Set<Integer> gaps) {
    Map<Integer, List<JournalEntry>> entries = new TreeMap<>();
    runs.forEach((p, run) -> entries.put(p, run.entries()));
    // Nothing to let expire: an event's cached copies have their ttl from the start.
    return PositionedRuns.acknowledge(journal, entries, gaps, run -> List.of(), 0, trim);
  }
}
