package io.writebehind.internal.drain;

import io.writebehind.worker.WorkerStats;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Running counts of one worker, safe to read from any thread. */
public final class DrainStats implements WorkerStats {
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

  @Override
  public long flushedEntries() {
    return entries.get();
  }

  @Override
  public long records() {
    return records.get();
  }

  @Override
  public long applied() {
    return applied.get();
  }

  @Override
  public long batches() {
    return batches.get();
  }

  @Override
  public long retries() {
    return retries.get();
  }

  @Override
  public long deadLetters() {
    return deadLetters.get();
  }

  @Override
  public long maxWindowMillis() {
    return maxWindowMillis.get();
  }

  @Override
  public long sinkNanos() {
    return dbNanos.get();
  }

  @Override
  public long journalLosses() {
    return journalLosses.get();
  }

  @Override
  public String lastError() {
    return lastError.get();
  }
}
