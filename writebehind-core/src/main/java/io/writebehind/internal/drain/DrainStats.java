package io.writebehind.internal.drain;

import io.writebehind.internal.journal.JournalEntry;
import io.writebehind.worker.WorkerListener;
import io.writebehind.worker.WorkerStats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Running counts of one worker, safe to read from any thread; tells the worker's listener of
 * dead letters and retries as they are counted.
 */
public final class DrainStats implements WorkerStats {
  private static final Logger log = LoggerFactory.getLogger(DrainStats.class);
  private final WorkerListener listener;
  private final AtomicLong entries = new AtomicLong();
  private final AtomicLong records = new AtomicLong();
  private final AtomicLong applied = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong deadLetters = new AtomicLong();
  private final AtomicLong maxWindowMillis = new AtomicLong();
  private final AtomicLong dbNanos = new AtomicLong();
  private final AtomicLong journalLosses = new AtomicLong();
  private final AtomicLong journalRollbacks = new AtomicLong();
  private final AtomicReference<String> lastError = new AtomicReference<>();

  DrainStats(WorkerListener listener) {
    this.listener = listener;
  }

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
    String described = describe(error);
    lastError.set(described);
    tell(l -> l.retrying(described));
  }

  /**
   * Why each of a batch's entries went to the dead letters, by the entry itself: an entry id
   * is unique only within its partition's journal, and a batch holds several partitions.
   */
  static Map<JournalEntry, String> deadLetterReasons() {
    return new java.util.IdentityHashMap<>();
  }

  /** After the moves are stored: {@code reasons} (see {@link #deadLetterReasons}) says why each entry went. */
  void deadLettered(List<JournalEntry> batch, Map<JournalEntry, String> reasons) {
    deadLetters.addAndGet(reasons.size());
    if (reasons.isEmpty()) {
      return;
    }
    Map<String, int[]> perKey = new LinkedHashMap<>();
    Map<String, String> why = new LinkedHashMap<>();
    for (JournalEntry e : batch) {
      String reason = reasons.get(e);
      if (reason != null) {
        String key = String.valueOf(e.key());
        perKey.computeIfAbsent(key, k -> new int[1])[0]++;
        why.put(key, reason);
      }
    }
    perKey.forEach((key, n) -> tell(l -> l.deadLettered(key, n[0], why.get(key))));
  }

  /** A listener's failure must not fail the batch, which is committed by now. */
  private void tell(java.util.function.Consumer<WorkerListener> call) {
    if (listener == WorkerListener.NONE) {
      return;
    }
    try {
      call.accept(listener);
    } catch (RuntimeException e) {
      log.warn("worker listener {} failed: {}", listener, describe(e));
    }
  }

  void journalRolledBack() {
    journalRollbacks.incrementAndGet();
  }

  @Override
  public long journalRollbacks() {
    return journalRollbacks.get();
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
