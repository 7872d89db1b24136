package io.writebehind.worker;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Running counts of one worker, safe to read from any thread. */
public final class WorkerStats {
  private final AtomicLong entries = new AtomicLong();
  private final AtomicLong records = new AtomicLong();
  private final AtomicLong applied = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong deadLetters = new AtomicLong();
  private final AtomicLong maxWindowMillis = new AtomicLong();
  private final AtomicLong dbNanos = new AtomicLong();
  private final AtomicLong journalLosses = new AtomicLong();
  private final AtomicReference<String> lastError = new AtomicReference<>();

  void batchCommitted(int entryCount, int recordCount, int appliedCount, long sinkNanos, long oldestWindowMillis) {
    dbNanos.addAndGet(sinkNanos);
    entries.addAndGet(entryCount);
    records.addAndGet(recordCount);
    applied.addAndGet(appliedCount);
    batches.incrementAndGet();
    maxWindowMillis.accumulateAndGet(oldestWindowMillis, Math::max);
  }

  void retried(Throwable error) {
    retries.incrementAndGet();
    lastError.set(describe(error));
  }

  void deadLettered(long n) {
    deadLetters.addAndGet(n);
  }

  void journalLost(long n) {
    journalLosses.addAndGet(n);
  }

  static String describe(Throwable error) {
    String m = error.getMessage();
    return error.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
  }

  /** Journal entries acknowledged after their batch committed. */
  public long flushedEntries() {
    return entries.get();
  }

  /** Records handed to the sink after coalescing. */
  public long records() {
    return records.get();
  }

  /** Records the sink reported as changing the database. */
  public long applied() {
    return applied.get();
  }

  public long batches() {
    return batches.get();
  }

  public long retries() {
    return retries.get();
  }

  public long deadLetters() {
    return deadLetters.get();
  }

  /** The longest a write waited between its acknowledgement and its commit. */
  public long maxWindowMillis() {
    return maxWindowMillis.get();
  }

  /** Time spent in the sink, all batches together, in nanoseconds. */
  public long sinkNanos() {
    return dbNanos.get();
  }

  /** Journals this worker found vanished (see {@link Worker}); each may have lost writes. */
  public long journalLosses() {
    return journalLosses.get();
  }

  public String lastError() {
    return lastError.get();
  }
}
