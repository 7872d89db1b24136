package io.writebehind.worker;

import io.writebehind.engine.Codec;
import io.writebehind.journal.Journal;
import io.writebehind.journal.JournalEntry;
import io.writebehind.journal.Versions;
import io.writebehind.sink.Sink;
import io.writebehind.sink.SinkRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One batch, start to end: fold it per key, apply it to the sink in one transaction, and
 * only then acknowledge its entries and mark the flushed values clean. A crash anywhere
 * before the acknowledgement leaves the entries pending, and the version guard makes
 * applying them again harmless.
 */
final class BatchProcessor<K, V> {
  private final Journal journal;
  private final Codec<K, V> codec;
  private final Sink<K, V> sink;
  private final long ttlMillis;
  private final boolean trim;
  private final long timeoutMillis;
  private final WorkerStats stats;

  BatchProcessor(
      Journal journal, Codec<K, V> codec, Sink<K, V> sink, long ttlMillis, boolean trim, long timeoutMillis, WorkerStats stats) {
    this.journal = journal;
    this.codec = codec;
    this.sink = sink;
    this.ttlMillis = ttlMillis;
    this.trim = trim;
    this.timeoutMillis = timeoutMillis;
    this.stats = stats;
  }

  /** Returns once the batch is committed and acknowledged; throws with the entries still pending. */
  void process(List<JournalEntry> entries) throws Exception {
    Set<String> deadIds = new HashSet<>();
    List<CompletableFuture<?>> dead = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (JournalEntry e : entries) {
      if (e.malformed()) {
        dead.add(journal.deadLetter(e, "malformed journal entry (no key or unknown op)", 1, now));
        deadIds.add(e.id());
      }
    }
    Collection<Coalescer.Folded> folded = Coalescer.fold(entries);
    List<SinkRecord<K, V>> records = new ArrayList<>(folded.size());
    List<Coalescer.Folded> kept = new ArrayList<>(folded.size());
    for (Coalescer.Folded f : folded) {
      JournalEntry e = f.newest();
      try {
        K key = codec.decodeKey(e.key());
        V value = e.delete() ? null : codec.decodeValue(e.data());
        long version = e.version();
        records.add(new SinkRecord<>(key, value, version, Versions.millisOf(version), e.meta(), f.count()));
        kept.add(f);
      } catch (RuntimeException decodeError) {
        for (JournalEntry same : entries) {
          if (e.key().equals(same.key())) {
            dead.add(journal.deadLetter(same, "cannot decode: " + WorkerStats.describe(decodeError), 1, now));
            deadIds.add(same.id());
          }
        }
      }
    }
    for (CompletableFuture<?> f : dead) {
      f.get(timeoutMillis, TimeUnit.MILLISECONDS);
    }
    stats.deadLettered(dead.size());
    int applied = records.isEmpty() ? 0 : sink.apply(records);
    acknowledge(entries, kept, deadIds);
    long oldest = Long.MAX_VALUE;
    for (JournalEntry e : entries) {
      oldest = Math.min(oldest, Versions.millisOf(e.version()));
    }
    stats.batchCommitted(entries.size() - deadIds.size(), records.size(), applied,
        oldest == Long.MAX_VALUE ? 0 : Math.max(0, System.currentTimeMillis() - oldest));
  }

  private void acknowledge(List<JournalEntry> entries, List<Coalescer.Folded> kept, Set<String> deadIds) throws Exception {
    Map<Integer, List<String>> idsByPartition = new TreeMap<>();
    for (JournalEntry e : entries) {
      if (!deadIds.contains(e.id())) {
        idsByPartition.computeIfAbsent(e.partition(), p -> new ArrayList<>()).add(e.id());
      }
    }
    Map<Integer, List<JournalEntry>> flushedByPartition = new TreeMap<>();
    for (Coalescer.Folded f : kept) {
      flushedByPartition.computeIfAbsent(f.newest().partition(), p -> new ArrayList<>()).add(f.newest());
    }
    List<CompletableFuture<Long>> acks = new ArrayList<>();
    for (Map.Entry<Integer, List<String>> part : idsByPartition.entrySet()) {
      List<String> valueKeys = new ArrayList<>();
      List<String> flushedIds = new ArrayList<>();
      for (JournalEntry e : flushedByPartition.getOrDefault(part.getKey(), List.of())) {
        valueKeys.add(e.key());
        flushedIds.add(e.id());
      }
      acks.add(journal.ack(part.getKey(), part.getValue(), valueKeys, flushedIds, ttlMillis, trim));
    }
    for (CompletableFuture<Long> a : acks) {
      a.get(timeoutMillis, TimeUnit.MILLISECONDS);
    }
  }
}
