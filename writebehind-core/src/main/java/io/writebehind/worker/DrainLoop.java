package io.writebehind.worker;

import io.writebehind.journal.Journal;
import io.writebehind.journal.JournalEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One drain thread: reads its partitions' journals, hands batches to the processor, and
 * backs off when the sink fails. It never waits for a batch to fill: under load the time a
 * commit takes lets the next batch grow (group commit), and when idle it polls at most
 * every {@code linger}.
 *
 * <p>Valkey and the database work at the same time: the next batch is read while the
 * database commits this one, and a batch's acknowledgement runs while the database commits
 * the next. Nothing is acknowledged before its own commit, so a crash still leaves every
 * uncommitted entry pending.
 */
final class DrainLoop implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(DrainLoop.class);

  private final Worker worker;
  private final int index;
  private final Journal journal;
  private final BatchProcessor<?, ?> processor;
  private final WorkerOptions options;
  private final long timeoutMillis;

  /** A batch's acknowledgement on its way, and the partitions to re-read if it fails. */
  private record InFlight(CompletableFuture<Void> ack, Set<Integer> partitions) {
    static final InFlight NONE = new InFlight(CompletableFuture.completedFuture(null), Set.of());
  }

  private InFlight inFlight = InFlight.NONE;
  private CompletableFuture<List<JournalEntry>> prefetch;
  private List<Integer> prefetchParts = List.of();

  DrainLoop(Worker worker, int index, Journal journal, BatchProcessor<?, ?> processor, WorkerOptions options, long timeoutMillis) {
    this.worker = worker;
    this.index = index;
    this.journal = journal;
    this.processor = processor;
    this.options = options;
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public void run() {
    int failures = 0;
    long idleMillis = 1;
    while (!worker.stopping()) {
      List<Integer> parts = worker.partitionsFor(index);
      if (parts.isEmpty()) {
        settle();
        dropPrefetch();
        pause(options.linger().toMillis());
        continue;
      }
      if (!worker.breaker().allow()) {
        settle();
        pause(options.linger().toMillis());
        continue;
      }
      List<JournalEntry> batch;
      try {
        batch = next(parts);
      } catch (Exception e) {
        // The reply may be lost after the server delivered the entries: read them from our
        // pending list next time.
        parts.forEach(worker::markRecovering);
        worker.breaker().noAttempt();
        worker.stats().retried(e);
        log.warn("worker {}: reading the journal failed: {}", worker.id(), WorkerStats.describe(e));
        pause(options.backoff().delayMillis(Math.min(++failures, 20), ThreadLocalRandom.current().nextDouble()));
        continue;
      }
      if (batch.isEmpty()) {
        worker.breaker().noAttempt();
        settle();
        pause(idleMillis);
        idleMillis = Math.min(options.linger().toMillis(), idleMillis * 2);
        continue;
      }
      idleMillis = 1;
      if (parts.stream().noneMatch(worker::isRecovering)) {
        prefetch = readNew(parts);
        prefetchParts = parts;
      }
      Set<Integer> batchParts = partitionsOf(batch);
      try {
        CompletableFuture<Void> ack = processor.process(batch);
        settle();
        inFlight = new InFlight(ack, batchParts);
        failures = 0;
        worker.breaker().success();
      } catch (Exception e) {
        failures++;
        worker.stats().retried(e);
        worker.breaker().failure();
        batchParts.forEach(worker::markRecovering);
        // What was read ahead is pending too; reading the pending list brings it back.
        dropPrefetch();
        settle();
        long delay = options.backoff().delayMillis(Math.min(failures, 20), ThreadLocalRandom.current().nextDouble());
        log.warn("worker {}: batch of {} failed (attempt {}), retrying in {} ms: {}",
            worker.id(), batch.size(), failures, delay, WorkerStats.describe(e));
        pause(delay);
      }
    }
    settle();
    dropPrefetch();
  }

  /** The batch read ahead if it covers the same partitions, else a fresh read. */
  private List<JournalEntry> next(List<Integer> parts) throws Exception {
    if (prefetch != null) {
      CompletableFuture<List<JournalEntry>> f = prefetch;
      List<Integer> fParts = prefetchParts;
      prefetch = null;
      if (fParts.equals(parts)) {
        return f.get(timeoutMillis, TimeUnit.MILLISECONDS);
      }
      awaitQuietly(f);
      fParts.forEach(worker::markRecovering);
    }
    return read(parts);
  }

  /** Waits for the previous acknowledgement; if it failed, its entries are re-read and re-applied (a no-op). */
  private void settle() {
    InFlight previous = inFlight;
    inFlight = InFlight.NONE;
    try {
      previous.ack().get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      previous.partitions().forEach(worker::markRecovering);
      worker.stats().retried(e);
      log.warn("worker {}: acknowledging a committed batch failed, it will be re-applied: {}", worker.id(), WorkerStats.describe(e));
    }
  }

  private void dropPrefetch() {
    if (prefetch != null) {
      awaitQuietly(prefetch);
      prefetchParts.forEach(worker::markRecovering);
      prefetch = null;
    }
  }

  private void awaitQuietly(CompletableFuture<?> f) {
    try {
      f.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (Exception ignored) {
      // its entries, if delivered, are pending and the partitions are marked for re-reading
    }
  }

  private static Set<Integer> partitionsOf(List<JournalEntry> batch) {
    Set<Integer> out = new TreeSet<>();
    for (JournalEntry e : batch) {
      out.add(e.partition());
    }
    return out;
  }

  private int perPartition(List<Integer> parts) {
    return Math.max(1, (options.batchSize() + parts.size() - 1) / parts.size());
  }

  /** New entries of every partition, pipelined; completes with all of them. */
  private CompletableFuture<List<JournalEntry>> readNew(List<Integer> parts) {
    List<CompletableFuture<List<JournalEntry>>> futures = new ArrayList<>(parts.size());
    for (int p : parts) {
      futures.add(journal.readGroup(p, worker.id(), perPartition(parts), false));
    }
    return CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).thenApply(x -> {
      List<JournalEntry> all = new ArrayList<>();
      futures.forEach(f -> all.addAll(f.join()));
      return all;
    });
  }

  /**
   * Reads every partition at once (pipelined). A partition just taken over, or whose last
   * batch failed, is read from its own pending entries first, so nothing delivered to
   * this consumer is skipped.
   */
  private List<JournalEntry> read(List<Integer> parts) throws Exception {
    int perPartition = perPartition(parts);
    List<CompletableFuture<List<JournalEntry>>> futures = new ArrayList<>(parts.size());
    List<Boolean> fromPending = new ArrayList<>(parts.size());
    for (int p : parts) {
      boolean recovering = worker.isRecovering(p);
      fromPending.add(recovering);
      futures.add(journal.readGroup(p, worker.id(), perPartition, recovering));
    }
    List<JournalEntry> batch = new ArrayList<>();
    Exception failure = null;
    for (int i = 0; i < futures.size(); i++) {
      int p = parts.get(i);
      try {
        List<JournalEntry> got = futures.get(i).get(timeoutMillis, TimeUnit.MILLISECONDS);
        if (fromPending.get(i) && got.isEmpty()) {
          worker.recovered(p);
        }
        batch.addAll(got);
      } catch (Exception e) {
        if (String.valueOf(e.getMessage()).contains("NOGROUP")) {
          // The group vanished (the namespace was purged): create it again.
          journal.claim(p, worker.id()).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } else {
          worker.markRecovering(p);
          if (failure == null) {
            failure = e;
          }
        }
      }
    }
    if (batch.isEmpty() && failure != null) {
      throw failure;
    }
    return batch;
  }

  private static void pause(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
