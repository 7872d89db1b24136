package io.writebehind.internal.journal;

import io.writebehind.admin.PartitionStatus;

/**
 * One partition's journal as read in one step.
 *
 * @param length entries not yet trimmed: unflushed writes (unread or pending), and with
 *     trimming off the flushed ones kept for replay
 * @param pending entries read by a worker and not yet committed, counted up to 10,000 (0
 *     when not counted)
 * @param oldestEntryId the oldest unflushed entry, or null when there is none
 * @param lastGeneratedId the newest entry ever written, or null
 * @param lastDeliveredId the newest entry handed to a worker, or null (no worker yet)
 * @param leaseOwner the worker holding the partition, or null
 * @param deadLetters entries in the partition's dead-letter stream
 * @param serverTimeMillis the server's clock when read
 * @param flushedToMark whether every entry up to the requested mark is committed
 * @param epoch the partition record's epoch, or null when it has none: it changes when
 *     everything of the partition vanished and was created anew
 * @param journalLosses how often the partition's journal vanished with writes that may not
 *     have reached the database (eviction, a deleted key, FLUSHALL), not yet acknowledged
 * @param journalRollbacks how often a worker found the journal behind the database's position
 * @param entriesAdded entries ever added to the journal (-1 where the server does not count them)
 * @param unflushed entries after the committed position, when counted (else 0): all of
 *     {@code length} when the journal is trimmed; up to 10,000 when it keeps flushed entries
 *     for replay
 */
public record PartitionProgress(
    int partition, long length, long pending, String oldestEntryId, String lastGeneratedId,
    String lastDeliveredId, String leaseOwner, long deadLetters, long serverTimeMillis, boolean flushedToMark,
    String epoch, long journalLosses, long journalRollbacks, long entriesAdded, long unflushed) {

  /** As the public status shows it. */
  public PartitionStatus toStatus() {
    long age = oldestEntryId == null ? 0
        : Math.max(0, serverTimeMillis - Versions.millisOf(Versions.fromEntryId(oldestEntryId)));
    return new PartitionStatus(partition, length, unflushed, pending, oldestEntryId, age, lastGeneratedId, lastDeliveredId,
        leaseOwner, deadLetters, journalLosses, journalRollbacks, entriesAdded);
  }
}
