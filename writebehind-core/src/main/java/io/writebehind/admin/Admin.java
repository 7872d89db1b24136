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
