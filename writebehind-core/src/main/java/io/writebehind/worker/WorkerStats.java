package io.writebehind.worker;

/** Running counts of one worker, safe to read from any thread. */
public interface WorkerStats {
  /** Journal entries whose batch committed (counted at the commit, before the acknowledgement). */
  long flushedEntries();

  /** Records handed to the sink after coalescing. */
  long records();

  /** Records the sink reported as changing the database (the rest were older than it). */
  long applied();

  /** Batches committed. */
  long batches();

  /** Failed batches, journal reads and acknowledgements retried. */
  long retries();

  /** Entries this worker moved to the dead letters. */
  long deadLetters();

  /** The longest a write waited between its acknowledgement and its commit. */
  long maxWindowMillis();

  /** Time spent in the sink, all batches together, in nanoseconds. */
  long sinkNanos();

  /** Journals this worker found vanished (eviction, a deleted key, FLUSHALL); each may have lost writes. */
  long journalLosses();

  /** Journals this worker found behind the database's position after a failover. */
  default long journalRollbacks() {
    return 0;
  }

  /** The last error met, one line, or null. */
  String lastError();
}
