package io.writebehind.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.writebehind.internal.journal.KeyLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;

/**
 * Writers that put unique values to a set of keys until stopped, for failover tests: what was
 * acknowledged (at the engine's durability), what was tried and failed, and when each key
 * was last acknowledged. A failed write may still be stored (its outcome is unknown), so the
 * database may hold a newer value than the newest acknowledged one: never an older one.
 */
final class FailoverLoad implements AutoCloseable {
  final AckedWrites acked = new AckedWrites();
  final Map<Long, Set<String>> tried = new ConcurrentHashMap<>();
  final AtomicLong acknowledged = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
  /** Nanotime of each acknowledgement, per key. */
  final Map<Long, ConcurrentLinkedQueue<Long>> ackTimes = new ConcurrentHashMap<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean stop;

  FailoverLoad(Fixture f, int writers, int keys) {
    AtomicLong seq = new AtomicLong();
    for (int t = 0; t < writers; t++) {
      Thread th = new Thread(() -> {
        while (!stop) {
          long n = seq.getAndIncrement();
          long key = n % keys;
          String value = "w" + n;
          tried.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(value);
          try {
            long version = f.engine.put(key, value);
            acked.acknowledged(key, version, value);
            acknowledged.incrementAndGet();
            ackTimes.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(System.nanoTime());
          } catch (RuntimeException e) {
            failed.incrementAndGet();
            if (failures.size() < 5) {
              failures.add(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            sleep(20);
          }
        }
      }, "failover-writer-" + t);
      th.setDaemon(true);
      threads.add(th);
      th.start();
    }
  }

  /** The first acknowledgement after {@code sinceNanos} of a key that {@code affected} picks, or -1. */
  long firstAckAfter(long sinceNanos, LongPredicate affected) {
    long first = Long.MAX_VALUE;
    for (Map.Entry<Long, ConcurrentLinkedQueue<Long>> e : ackTimes.entrySet()) {
      if (affected.test(e.getKey())) {
        for (long t : e.getValue()) {
          if (t > sinceNanos) {
            first = Math.min(first, t);
          }
        }
      }
    }
    return first == Long.MAX_VALUE ? -1 : first;
  }

  /** Keys whose journal lives on the primary on {@code port}. */
  static LongPredicate onPrimary(Fixture f, int partitions, io.writebehind.cli.local.LocalCluster cluster, int port) {
    KeyLayout layout = new KeyLayout(f.namespace, partitions);
    Map<Integer, Boolean> byPartition = new ConcurrentHashMap<>();
    for (int p = 0; p < partitions; p++) {
      byPartition.put(p, cluster.primaryOf(layout.journalKey(p)) == port);
    }
    return key -> byPartition.get(layout.partitionOf(Fixture.CODEC.encodeKey(key)));
  }

  void stop() throws InterruptedException {
    stop = true;
    for (Thread t : threads) {
      t.join(30_000);
    }
  }

  /** Keys whose newest acknowledged write the database lacks (holds an older version or none). */
  long lost(Fixture f) throws Exception {
    Map<Long, Long> versions = f.versions();
    return acked.newest.entrySet().stream()
        .filter(e -> versions.getOrDefault(e.getKey(), 0L) < e.getValue().version()).count();
  }

  /**
   * Every acknowledged write is in the database or superseded there by a write tried after
   * it; returns how many keys hold a write that was tried but never acknowledged.
   */
  long assertNothingLost(Fixture f) throws Exception {
    Map<Long, Long> versions = f.versions();
    Map<Long, String> payloads = f.payloads();
    long unacknowledgedKept = 0;
    for (Map.Entry<Long, AckedWrites.Ack> e : acked.newest.entrySet()) {
      long key = e.getKey();
      assertThat(versions.get(key)).as("version of key %d in the database", key).isNotNull()
          .isGreaterThanOrEqualTo(e.getValue().version());
      if (versions.get(key) == e.getValue().version()) {
        assertThat(payloads.get(key)).as("value of key %d", key).isEqualTo(e.getValue().value());
      } else {
        assertThat(tried.get(key)).as("key %d holds a value never written", key).contains(payloads.get(key));
        unacknowledgedKept++;
      }
    }
    return unacknowledgedKept;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
