package io.writebehind.admin;

import io.writebehind.JournalLostException;
import java.util.List;

/** What an operator does with a namespace: look at its queue, repair it, empty it. */
public interface Admin {
  /** Journal, lag, leases, losses and workers of the namespace, read from Valkey only. */
  QueueStatus status();

  /** The writes the workers could not apply. */
  DeadLetters deadLetters();

  /**
   * What in the server's configuration can lose acknowledged writes (no AOF, an eviction
   * policy that may evict unflushed entries), one sentence each; empty when nothing does.
   */
  List<String> durabilityWarnings();

  /**
   * Has the workers apply a partition's retained entries again, from {@code fromId} (an
   * entry id, {@code <ms>-<seq>} or {@code <ms>}) up to what they had committed. Entries are
   * retained only while the workers keep them ({@code WorkerOptions.trimJournal(false)}).
   * Harmless by design: the database's version guard keeps what it holds when it is newer, so
   * only rows that went back to an older version (a restored backup, a manual edit) change.
   * The entries count as unflushed until applied again: {@code flush()} and {@code status}
   * wait for them.
   *
   * @throws IllegalArgumentException if the partition is out of range, the id malformed, or
   *     no retained entry is at or after it and at or before the committed position (the
   *     message says what is retained)
   */
  JournalReplay replayJournal(int partition, String fromId);

  /**
   * Clears the record of vanished journals (see {@link JournalLostException}) once an
   * operator has dealt with them; returns how many partitions had one.
   */
  long acknowledgeJournalLosses();

  /**
   * Deletes every key of the namespace (values, journals, records, leases, dead letters) and
   * nothing else; returns how many keys went. Workers that find their journals gone in the
   * next ten minutes take it for this purge, not a loss.
   */
  long purgeNamespace();
}
