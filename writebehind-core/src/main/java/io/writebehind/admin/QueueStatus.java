package io.writebehind.admin;

import java.util.List;

/** A namespace's queue as seen at one moment. */
public record QueueStatus(String namespace, List<PartitionStatus> partitions, List<WorkerInfo> workers) {

  /** Entries in all partitions' journals: the unflushed writes, and the flushed ones kept for replay. */
  public long journalLength() {
    return partitions.stream().mapToLong(PartitionStatus::length).sum();
  }

  /**
   * Writes not yet in the database, in all partitions (each partition's counted up to 10,000
   * while its journal keeps flushed entries for replay).
   */
  public long unflushed() {
    return partitions.stream().mapToLong(PartitionStatus::unflushed).sum();
  }

  /** Writes a worker read and has not committed yet (counted up to 10,000 per partition). */
  public long pending() {
    return partitions.stream().mapToLong(PartitionStatus::pending).sum();
  }

  /** Journals found vanished and not yet acknowledged (see {@link io.writebehind.JournalLostException}). */
  public long journalLosses() {
    return partitions.stream().mapToLong(PartitionStatus::journalLosses).sum();
  }

  /** Journals found behind the database's position after a failover, all told. */
  public long journalRollbacks() {
    return partitions.stream().mapToLong(PartitionStatus::journalRollbacks).sum();
  }

  /** Writes in the dead-letter streams of all partitions. */
  public long deadLetters() {
    return partitions.stream().mapToLong(PartitionStatus::deadLetters).sum();
  }

  /** The inconsistency window now: how long the oldest unflushed write has waited. */
  public long oldestUnflushedAgeMillis() {
    return partitions.stream().mapToLong(PartitionStatus::oldestUnflushedAgeMillis).max().orElse(0);
  }
}
