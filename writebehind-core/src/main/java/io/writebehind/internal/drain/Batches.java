package io.writebehind.internal.drain;

import io.writebehind.internal.journal.JournalEntry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** What a drain thread hands its batches to: whole values, or counters' deltas. */
public interface Batches {

  /**
   * Commits the batch to the database, then sends its acknowledgement and returns it without
   * waiting; it completes with the partitions that must be read again from their position.
   * Throws, with nothing committed, when the commit fails.
   */
  CompletableFuture<Set<Integer>> process(List<JournalEntry> entries) throws Exception;

  /**
   * The work on a batch read ahead that needs nothing of the batches before it (decoding
   * events), done on another thread while the batch before it commits; null when there is
   * none. Never throws: what cannot be done is left to {@link #process(List, Object)}.
   */
  default Object prepare(List<JournalEntry> entries) {
    return null;
  }

  /** Whether {@link #prepare} does anything: else no thread is spent on it. */
  default boolean preparesAhead() {
    return false;
  }

  /** As {@link #process(List)}, with what {@link #prepare} made of the batch (or null). */
  default CompletableFuture<Set<Integer>> process(List<JournalEntry> entries, Object prepared) throws Exception {
    return process(entries);
  }

  /**
   * Whether batches must tell where each partition's run starts ({@link JournalEntry#after()}):
   * a sink that keeps its own position needs it to see gaps.
   */
  default boolean readsAfter() {
    return false;
  }

  /**
   * The database's position of each partition asked, for a sink that keeps its own
   * (counters, events); null for one that does not (values: the version guard).
   */
  default java.util.Map<Integer, Long> databasePositions(java.util.Collection<Integer> partitions) throws Exception {
    return null;
  }
}
