package io.writebehind.admin;

/**
 * One partition's journal as read in one step.
 *
 * @param partition the partition
 * @param length entries not yet trimmed: unflushed writes, and with trimming off the flushed
 *     ones kept for replay
 * @param unflushed writes not yet in the database (unread or pending): all of {@code length}
 *     when the journal is trimmed; when it keeps flushed entries for replay, counted up to
 *     10,000
 * @param pending entries read by a worker and not yet committed, counted up to 10,000 (0
 *     when not counted)
 * @param oldestUnflushedId the stream id of the oldest unflushed write, or null when there is none
 * @param oldestUnflushedAgeMillis how long that write has waited (the inconsistency window), 0 when none
 * @param lastWrittenId the stream id of the newest write ever journaled, or null
 * @param lastReadId the newest entry handed to a worker, or null (no worker yet)
 * @param leaseOwner the worker holding the partition, or null
 * @param deadLetters entries in the partition's dead-letter stream
 * @param journalLosses how often the journal vanished with writes that may not have reached
 *     the database, not yet acknowledged
 * @param journalRollbacks how often a worker found the journal behind the database's
 *     position (a failover promoted a replica that lacked its last entries)
 * @param entriesAdded entries ever added to the journal, which trimming does not lower: two
 *     readings give the write rate (-1 where the server does not count them: Redis 6)
 */
public record PartitionStatus(
    int partition, long length, long unflushed, long pending, String oldestUnflushedId, long oldestUnflushedAgeMillis,
    String lastWrittenId, String lastReadId, String leaseOwner, long deadLetters, long journalLosses,
    long journalRollbacks, long entriesAdded) {}
