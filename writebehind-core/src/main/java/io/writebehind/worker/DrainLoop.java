package io.writebehind.worker;

import io.writebehind.journal.Journal;
import io.writebehind.journal.JournalEntry;
import java.util.ArrayList;
import java.util.List;
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
 */
final class DrainLoop implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(DrainLoop.class);

  private final Worker worker;
  private final int index;
  private final Journal journal;
  private final BatchProcessor<?, ?> processor;
  private final WorkerOptions options;
  private final long timeoutMillis;

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
        pause(options.linger().toMillis());
        continue;
      }
      List<JournalEntry> batch;
      try {
        batch = read(parts);
      } catch (Exception e) {
        worker.stats().retried(e);
        log.warn("worker {}: reading the journal failed: {}", worker.id(), WorkerStats.describe(e));
        pause(options.backoff().delayMillis(Math.min(++failures, 20), ThreadLocalRandom.current().nextDouble()));
        continue;
      }
      if (batch.isEmpty()) {
        pause(idleMillis);
        idleMillis = Math.min(options.linger().toMillis(), idleMillis * 2);
        continue;
      }
      idleMillis = 1;
      try {
        processor.process(batch);
        failures = 0;
      } catch (Exception e) {
        failures++;
        worker.stats().retried(e);
        for (JournalEntry entry : batch) {
          worker.markRecovering(entry.partition());
        }
        long delay = options.backoff().delayMillis(Math.min(failures, 20), ThreadLocalRandom.current().nextDouble());
        log.warn("worker {}: batch of {} failed (attempt {}), retrying in {} ms: {}",
            worker.id(), batch.size(), failures, delay, WorkerStats.describe(e));
        pause(delay);
      }
    }
  }

  /**
   * Reads every partition at once (pipelined). A partition just taken over, or whose last
   * batch failed, is read from its own pending entries first, so nothing delivered to
   * this consumer is skipped.
   */
  private List<JournalEntry> read(List<Integer> parts) throws Exception {
    int perPartition = Math.max(1, (options.batchSize() + parts.size() - 1) / parts.size());
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
        } else if (failure == null) {
          failure = e;
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
