package io.writebehind.internal.drain;

import io.writebehind.worker.WorkerOptions;

import io.writebehind.Codec;
import io.writebehind.internal.journal.Journal;
import io.writebehind.internal.journal.JournalEntry;
import io.writebehind.internal.journal.Versions;
import io.writebehind.sink.Sink;
import io.writebehind.sink.SinkRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch, start to end: fold it per key, apply it to the sink in one transaction, and
 * only then move each partition's committed position past its entries and mark the flushed
 * values clean. A crash anywhere before that leaves the entries after the position, to be
 * read again, and the version guard makes applying them again harmless.
 */
final class BatchProcessor<K, V> implements Batches {
  private static final Logger log = LoggerFactory.getLogger(BatchProcessor.class);
  private final Journal journal;
  private final Codec<K, V> codec;
  private final Sink<K, V> sink;
  private final long ttlMillis;
  private final boolean trim;
  private final long timeoutMillis;
  private final DrainStats stats;
  private final java.time.Clock clock;
  /** Partitions whose dirty versions were found unreadable, told once each. */
  private final Set<Integer> unreadableMarks = java.util.concurrent.ConcurrentHashMap.newKeySet();

  BatchProcessor(
      Journal journal, Codec<K, V> codec, Sink<K, V> sink, long ttlMillis, boolean trim, long timeoutMillis, DrainStats stats,
      java.time.Clock clock) {
    this.journal = journal;
    this.codec = codec;
    this.sink = sink;
    this.ttlMillis = ttlMillis;
    this.trim = trim;
    this.timeoutMillis = timeoutMillis;
    this.stats = stats;
    this.clock = clock;
  }

  /** A folded key ready for the sink. */
  private record Item<K, V>(Coalescer.Folded folded, SinkRecord<K, V> record) {}

  /**
   * Commits the batch, then sends its acknowledgement and returns it without waiting: the
   * worker overlaps it with the next batch's database work. The acknowledgement completes
   * with the partitions whose position could not move (an entry before the batch was read
   * and never committed): those are read again from their position. Throws, with nothing
   * committed in the journal, when the database commit fails.
   */
  @Override
  public CompletableFuture<Set<Integer>> process(List<JournalEntry> entries) throws Exception {
    Map<JournalEntry, String> deadIds = DrainStats.deadLetterReasons();
    List<CompletableFuture<?>> dead = new ArrayList<>();
    long now = clock.millis();
    for (JournalEntry e : entries) {
      if (e.malformed() || e.increment()) {
        String why = e.increment() ? "a counter's increment in a namespace of whole values"
            : "malformed journal entry (no key, an unknown op, or a version newer than the entry itself)";
        dead.add(journal.deadLetter(e, why, 1, now));
        deadIds.put(e, why);
      }
    }
    List<Item<K, V>> items = new ArrayList<>();
    for (Coalescer.Folded f : Coalescer.fold(entries.stream().filter(e -> !e.increment()).toList())) {
      JournalEntry e = f.newest();
      try {
        K key = codec.decodeKey(e.key());
        V value = e.delete() ? null : codec.decodeValue(e.data());
        long version = e.version();
        items.add(new Item<>(f, new SinkRecord<>(key, value, version, Versions.millisOf(version), e.meta(), f.count())));
      } catch (RuntimeException decodeError) {
        deadLetterKey(entries, e.key(), "cannot decode: " + DrainStats.describe(decodeError), dead, deadIds, now);
      }
    }
    long t0 = System.nanoTime();
    List<Item<K, V>> applied = new ArrayList<>(items.size());
    int changed = applyIsolating(items, applied, entries, dead, deadIds);
    long dbNanos = System.nanoTime() - t0;
    for (CompletableFuture<?> f : dead) {
      f.get(timeoutMillis, TimeUnit.MILLISECONDS);
    }
    stats.deadLettered(entries, deadIds);
    long oldest = Long.MAX_VALUE;
    for (JournalEntry e : entries) {
      oldest = Math.min(oldest, Versions.millisOf(e.version()));
    }
    int flushed = entries.size() - deadIds.size();
    // Counted at the commit, before the acknowledgement: a flush that returns once the
    // position moved must find them counted.
    stats.batchCommitted(flushed, applied.size(), changed, dbNanos,
        oldest == Long.MAX_VALUE ? 0 : Math.max(0, clock.millis() - oldest));
    return acknowledge(entries, applied);
  }

  /** Applies the items, isolating what the sink refuses (see {@link Isolation}); dead-letters the refused. */
  private int applyIsolating(List<Item<K, V>> items, List<Item<K, V>> applied, List<JournalEntry> entries,
      List<CompletableFuture<?>> dead, Map<JournalEntry, String> deadIds) throws Exception {
    Isolation.Outcome<Item<K, V>> outcome = Isolation.isolate(items, part -> {
      List<SinkRecord<K, V>> records = new ArrayList<>(part.size());
      for (Item<K, V> item : part) {
        records.add(item.record());
      }
      return sink.apply(records);
    });
    applied.addAll(outcome.applied());
    long now = clock.millis();
    for (Isolation.Refusal<Item<K, V>> r : outcome.deadLetters()) {
      deadLetterKey(entries, r.item().folded().newest().key(), DrainStats.describe(r.error()), dead, deadIds, now);
    }
    if (outcome.retry() != null) {
      throw outcome.retry();
    }
    return outcome.changed();
  }

  private void deadLetterKey(List<JournalEntry> entries, String key, String error,
      List<CompletableFuture<?>> dead, Map<JournalEntry, String> deadIds, long now) {
    for (JournalEntry same : entries) {
      if (key.equals(same.key())) {
        dead.add(journal.deadLetter(same, error, 1, now));
        deadIds.put(same, error);
      }
    }
  }

  /** Each partition's run of entries, dead letters included: they have left the journal. */
  private CompletableFuture<Set<Integer>> acknowledge(List<JournalEntry> entries, List<Item<K, V>> applied) {
    Map<Integer, long[]> runs = new TreeMap<>();
    for (JournalEntry e : entries) {
      long id = Versions.fromEntryId(e.id());
      long[] run = runs.computeIfAbsent(e.partition(), p -> new long[] {id, id});
      run[0] = Math.min(run[0], id);
      run[1] = Math.max(run[1], id);
    }
    Map<Integer, List<JournalEntry>> flushedByPartition = new TreeMap<>();
    for (Item<K, V> item : applied) {
      JournalEntry newest = item.folded().newest();
      flushedByPartition.computeIfAbsent(newest.partition(), p -> new ArrayList<>()).add(newest);
    }
    Map<Integer, CompletableFuture<Journal.AckResult>> acks = new TreeMap<>();
    for (Map.Entry<Integer, long[]> run : runs.entrySet()) {
      List<JournalEntry> flushed = flushedByPartition.getOrDefault(run.getKey(), List.of());
      acks.put(run.getKey(), journal.ack(run.getKey(), Versions.toEntryId(run.getValue()[0]),
          Versions.toEntryId(run.getValue()[1]), flushed, ttlMillis, trim));
    }
    return CompletableFuture.allOf(acks.values().toArray(new CompletableFuture<?>[0])).thenApply(x -> {
      Set<Integer> gaps = new TreeSet<>();
      acks.forEach((p, f) -> {
        Journal.AckResult r = f.join();
        if (!r.committed()) {
          gaps.add(p);
        }
        if (r.marksUnreadable() && unreadableMarks.add(p)) {
          log.warn("partition {}: {} is not a hash, so flushed values keep no TTL; delete that key to repair it",
              p, journal.layout().dirtyKey(p));
        }
      });
      return gaps;
    });
  }
}
