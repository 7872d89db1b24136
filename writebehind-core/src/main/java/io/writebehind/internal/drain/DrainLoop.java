package io.writebehind.internal.drain;

import io.writebehind.worker.WorkerOptions;

import io.writebehind.internal.journal.Journal;
import io.writebehind.internal.journal.JournalEntry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * <p>Valkey and the database work at the same time: the next batches are read while the
 * database commits this one, and a batch's acknowledgement runs while the database commits
 * the next ones. A partition's committed position only moves past a batch after its commit,
 * so a crash leaves every uncommitted entry after it, and the next owner reads from there.
 */
final class DrainLoop implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(DrainLoop.class);

  private final DrainWorker worker;
  private final int index;
  private final Journal journal;
  private final Batches processor;
  private final WorkerOptions options;
  private final long timeoutMillis;

  /**
   * Batches read ahead and acknowledgements in flight, at most this many of each: Valkey
   * always has the next reads queued while the database commits, and a slow
   * acknowledgement does not hold up the next commit.
   */
  private static final int DEPTH = 2;

  /**
   * A batch's acknowledgement on its way (it completes with the partitions whose position
   * could not move), and the partitions to re-read if it fails.
   */
  private record InFlight(CompletableFuture<Set<Integer>> ack, Set<Integer> partitions) {}

  /** A read sent ahead of need, and the partitions it covers. */
  private record ReadAhead(CompletableFuture<Read> entries, List<Integer> partitions) {}

  /** A batch read, and what the processor prepared of it ahead (null when read on demand). */
  private record Read(List<JournalEntry> entries, Object prepared) {}

  /**
   * Prepares the batches read ahead ({@link Batches#prepare}) while this thread commits the
   * one before: on two cores the decoding of the next batch and the database's work on this
   * one overlap. One thread, so batches are prepared in the order read.
   */
  private final ExecutorService preparer;

  /** How often an idle partition is re-read from its committed position. */
  private static final long IDLE_CHECK_MILLIS = 1_000;

  private final Deque<InFlight> inFlight = new ArrayDeque<>();
  private final Deque<ReadAhead> readAhead = new ArrayDeque<>();
  /**
   * Per partition, where this loop's last read of new entries ends (null when that read
   * failed or found another read came between): the next read starts there. Forgotten when
   * the partition is read from its committed position; a stale one only makes the next read
   * find the group moved.
   */
  private final Map<Integer, CompletableFuture<String>> cursors = new HashMap<>();
  private long lastIdleCheckMillis;
  /** Acknowledgements failed in a row: each makes the batch be re-applied, so they back off. */
  private int ackFailures;

  DrainLoop(DrainWorker worker, int index, Journal journal, Batches processor, WorkerOptions options, long timeoutMillis) {
    this.worker = worker;
    this.index = index;
    this.journal = journal;
    this.processor = processor;
    this.options = options;
    this.timeoutMillis = timeoutMillis;
    this.lastIdleCheckMillis = options.clock().millis();
    this.preparer = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "wb-" + journal.layout().namespace() + "-prepare-" + index);
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public void run() {
    try {
      drain();
    } finally {
      preparer.shutdownNow();
    }
  }

  private void drain() {
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
      Object prepared;
      try {
        Read read = next(parts);
        batch = read.entries();
        prepared = read.prepared();
      } catch (Exception e) {
        // The reply may be lost after the server delivered the entries: read again from the
        // committed position.
        parts.forEach(worker::markRecovering);
        worker.breaker().noAttempt();
        worker.stats().retried(e);
        log.warn("worker {}: reading the journal failed: {}", worker.id(), DrainStats.describe(e));
        pause(options.backoff().delayMillis(Math.min(++failures, 20), ThreadLocalRandom.current().nextDouble()));
        continue;
      }
      if (batch.isEmpty()) {
        worker.breaker().noAttempt();
        settle();
        checkWhenIdle(parts);
        pause(idleMillis);
        idleMillis = Math.min(options.linger().toMillis(), idleMillis * 2);
        continue;
      }
      idleMillis = 1;
      if (parts.stream().noneMatch(worker::isRecovering)) {
        while (readAhead.size() < DEPTH) {
          CompletableFuture<List<JournalEntry>> read = readNew(parts);
          readAhead.add(new ReadAhead(processor.preparesAhead()
              ? read.thenApplyAsync(e -> new Read(e, processor.prepare(e)), preparer)
              : read.thenApply(e -> new Read(e, null)), parts));
        }
      }
      Set<Integer> batchParts = partitionsOf(batch);
      try {
        CompletableFuture<Set<Integer>> ack = processor.process(batch, prepared);
        inFlight.add(new InFlight(ack, batchParts));
        while (inFlight.size() > DEPTH) {
          settleOldest();
        }
        failures = 0;
        worker.breaker().success();
      } catch (Exception e) {
        failures++;
        worker.stats().retried(e);
        worker.breaker().failure();
        batchParts.forEach(worker::markRecovering);
        // What was read ahead is after the committed position too: the re-read brings it back.
        dropPrefetch();
        settle();
        long delay = options.backoff().delayMillis(Math.min(failures, 20), ThreadLocalRandom.current().nextDouble());
        log.warn("worker {}: batch of {} failed (attempt {}), retrying in {} ms: {}",
            worker.id(), batch.size(), failures, delay, DrainStats.describe(e));
        pause(delay);
      }
    }
    settle();
    dropPrefetch();
  }

  /**
   * Now and then, with nothing of its own in flight, re-read an idle partition from its
   * position. A gap is otherwise found by the next acknowledgement, and a quiet partition
   * has none: entries a worker read just before it lost the partition would wait for the
   * next write.
   */
  private void checkWhenIdle(List<Integer> parts) {
    long now = options.clock().millis();
    if (readAhead.isEmpty() && inFlight.isEmpty() && now - lastIdleCheckMillis >= IDLE_CHECK_MILLIS) {
      lastIdleCheckMillis = now;
      parts.forEach(worker::markRecovering);
    }
  }

  /** The oldest batch read ahead if it covers the same partitions, else a fresh read. */
  private Read next(List<Integer> parts) throws Exception {
    ReadAhead ahead = readAhead.poll();
    if (ahead != null) {
      if (ahead.partitions().equals(parts)) {
        return ahead.entries().get(timeoutMillis, TimeUnit.MILLISECONDS);
      }
      awaitQuietly(ahead.entries());
      ahead.partitions().forEach(worker::markRecovering);
      dropPrefetch();
    }
    return new Read(read(parts), null);
  }

  /** Waits for every acknowledgement in flight. */
  private void settle() {
    while (!inFlight.isEmpty()) {
      settleOldest();
    }
  }

  /**
   * Waits for the oldest acknowledgement. Where it could not move the position (another
   * worker read entries before the batch and died), or failed, the partitions are read again
   * from their position: what is already in the database is re-applied as a no-op.
   */
  private void settleOldest() {
    InFlight oldest = inFlight.poll();
    try {
      Set<Integer> gaps = oldest.ack().get(timeoutMillis, TimeUnit.MILLISECONDS);
      ackFailures = 0;
      if (!gaps.isEmpty()) {
        gaps.forEach(worker::markRecovering);
        log.info("worker {}: partitions {} hold entries read by another worker and never committed: reading them again",
            worker.id(), gaps);
      }
    } catch (Exception e) {
      oldest.partitions().forEach(worker::markRecovering);
      worker.stats().retried(e);
      long delay = options.backoff().delayMillis(Math.min(++ackFailures, 20), ThreadLocalRandom.current().nextDouble());
      log.warn("worker {}: acknowledging a committed batch failed (attempt {}), it will be re-applied in {} ms: {}",
          worker.id(), ackFailures, delay, DrainStats.describe(e));
      pause(delay);
    }
  }

  /** Whatever was read ahead was delivered and will not be processed: its partitions are read again from their position. */
  private void dropPrefetch() {
    ReadAhead ahead;
    while ((ahead = readAhead.poll()) != null) {
      awaitQuietly(ahead.entries());
      ahead.partitions().forEach(worker::markRecovering);
    }
  }

  private void awaitQuietly(CompletableFuture<?> f) {
    try {
      f.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (Exception ignored) {
      // its entries, if delivered, are after the committed position and the partitions are marked for re-reading
    }
  }

  private static Set<Integer> partitionsOf(List<JournalEntry> batch) {
    Set<Integer> out = new TreeSet<>();
    int last = -1;
    for (JournalEntry e : batch) {
      // a batch holds each partition's entries together: one set insertion per run, not per entry
      if (e.partition() != last) {
        last = e.partition();
        out.add(last);
      }
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
      futures.add(readNew(p, perPartition(parts)));
    }
    return CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).thenApply(x -> {
      List<JournalEntry> all = new ArrayList<>();
      futures.forEach(f -> all.addAll(f.join()));
      return all;
    });
  }

  /**
   * Reads every partition at once (pipelined). A partition just taken over, or whose last
   * batch failed, is read from its committed position up to the last entry any worker read,
   * so nothing read and not committed is skipped. Acknowledgements in flight are waited for
   * first, or the re-read would bring back batches that are committed already.
   */
  private List<JournalEntry> read(List<Integer> parts) throws Exception {
    if (parts.stream().anyMatch(worker::isRecovering)) {
      settle();
    }
    int perPartition = perPartition(parts);
    List<CompletableFuture<List<JournalEntry>>> futures = new ArrayList<>(parts.size());
    List<Boolean> fromPending = new ArrayList<>(parts.size());
    for (int p : parts) {
      boolean recovering = worker.isRecovering(p);
      if (recovering) {
        cursors.remove(p);
      }
      fromPending.add(recovering);
      futures.add(recovering ? journal.readUncommitted(p, perPartition) : readNew(p, perPartition));
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
          // The journal or its group vanished: a purge, or a loss the claim counts and reports.
          worker.claim(p);
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

  private CompletableFuture<List<JournalEntry>> readNew(int partition, int count) {
    if (!processor.readsAfter()) {
      return journal.readNew(partition, worker.id(), count);
    }
    // After a first read the group's last delivered entry is known: where this loop's
    // previous read ended. Reads that follow are plain XRANGEs from there (see readNewFrom).
    CompletableFuture<String> cursor = cursors.remove(partition);
    CompletableFuture<Journal.NewEntries> read = cursor == null ? journal.readNewAfter(partition, worker.id(), count)
        : cursor.thenCompose(after -> after == null ? journal.readNewAfter(partition, worker.id(), count)
            : journal.readNewFrom(partition, after, count));
    cursors.put(partition, read.handle((r, failed) -> failed != null || r.entries() == null ? null : r.last()));
    return read.thenApply(r -> {
      if (r.entries() == null) {
        log.info("worker {}: partition {} was read by another worker meanwhile: reading it again from its position",
            worker.id(), partition);
        worker.markRecovering(partition);
        return List.of();
      }
      return r.entries();
    });
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
