package io.writebehind.internal.drain;

import io.writebehind.internal.journal.Journal;
import io.writebehind.internal.journal.JournalEntry;
import io.writebehind.internal.journal.Versions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * What the batches of a sink that keeps its own position (counters, events) share: runs of
 * a partition's journal that must follow each other, and their acknowledgement once the
 * sink took them.
 */
final class PositionedRuns {
  private PositionedRuns() {}

  /** Whether each entry of the run follows the one before it. */
  static boolean contiguous(List<JournalEntry> run) {
    for (int i = 1; i < run.size(); i++) {
      if (!run.get(i - 1).id().equals(run.get(i).after())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Counts a batch the sink took: the entries of the partitions not skipped for a gap, and
   * how long the oldest of them waited to be committed.
   */
  static void committed(DrainStats stats, List<JournalEntry> entries, Set<Integer> gaps, long sinkNanos, Clock clock) {
    long oldest = Long.MAX_VALUE;
    int flushed = 0;
    for (JournalEntry e : entries) {
      // gaps are rare: no set lookup (and no boxing) per entry of the usual batch
      if (gaps.isEmpty() || !gaps.contains(e.partition())) {
        oldest = Math.min(oldest, Versions.millisOf(e.version()));
        flushed++;
      }
    }
    stats.batchCommitted(flushed, flushed, flushed, sinkNanos, oldest == Long.MAX_VALUE ? 0 : Math.max(0, clock.millis() - oldest));
  }

  /**
   * Acknowledges each partition the sink took (not in {@code gaps}); {@code flushed} names
   * the entries whose keys may expire now. Completes with the partitions to read again from
   * their position: the gaps, and those whose position could not move.
   */
  static CompletableFuture<Set<Integer>> acknowledge(Journal journal, Map<Integer, List<JournalEntry>> runs, Set<Integer> gaps,
      Function<List<JournalEntry>, List<JournalEntry>> flushed, long ttlMillis, boolean trim) {
    Map<Integer, CompletableFuture<Journal.AckResult>> acks = new TreeMap<>();
    for (Map.Entry<Integer, List<JournalEntry>> p : runs.entrySet()) {
      if (gaps.contains(p.getKey())) {
        continue;
      }
      List<JournalEntry> run = p.getValue();
      acks.put(p.getKey(), journal.ack(p.getKey(), run.get(0).id(), run.get(run.size() - 1).id(), flushed.apply(run),
          ttlMillis, trim));
    }
    return CompletableFuture.allOf(acks.values().toArray(new CompletableFuture<?>[0])).thenApply(x -> {
      Set<Integer> reread = new TreeSet<>(gaps);
      acks.forEach((p, f) -> {
        if (!f.join().committed()) {
          reread.add(p);
        }
      });
      return reread;
    });
  }
}
