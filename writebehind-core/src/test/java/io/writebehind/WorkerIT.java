package io.writebehind;

import io.writebehind.admin.WorkerInfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.api.StatefulRedisConnection;
import io.writebehind.internal.journal.Journal;
import io.writebehind.internal.journal.KeyLayout;
import io.writebehind.ValkeyConnection;
import io.writebehind.worker.Backoff;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The worker: retries, leases, takeover of a dead worker's entries, replays. */
class WorkerIT {
  /** Short lease and linger, quick retries: what the engine's worker tests run with. */
  static final WorkerOptions FAST = WorkerOptions.builder()
      .linger(Duration.ofMillis(5)).leaseTtl(Duration.ofMillis(600))
      .backoff(new Backoff(Duration.ofMillis(10), Duration.ofMillis(100))).build();

  private static WriteBehind<String, String> engine(String url, String ns, VersionedMapSink sink) {
    return WriteBehind.builder(Codecs.textKeysTextValues()).valkeyUrl(url).namespace(ns).partitions(4).sink(sink).build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void aFailingDatabaseIsRetriedUntilEverythingLands(String name, String url) {
    VersionedMapSink sink = new VersionedMapSink();
    sink.failuresLeft.set(5);
    try (WriteBehind<String, String> wb = engine(url, Servers.namespace("retry"), sink)) {
      for (int i = 0; i < 200; i++) {
        wb.put("k" + (i % 20), "v" + i);
      }
      try (Worker w = wb.startWorker(FAST)) {
        wb.flush(Duration.ofSeconds(20));
        assertThat(w.stats().retries()).isGreaterThanOrEqualTo(5);
        assertThat(w.stats().lastError()).contains("database unavailable");
      }
      for (int k = 0; k < 20; k++) {
        assertThat(sink.rows.get("k" + k).value()).isEqualTo("v" + (180 + k));
      }
      wb.admin().purgeNamespace();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void statusShowsAWorkerWhoseDatabaseIsUnavailable(String name, String url) throws Exception {
    VersionedMapSink sink = new VersionedMapSink();
    sink.failuresLeft.set(Integer.MAX_VALUE);
    try (WriteBehind<String, String> wb = engine(url, Servers.namespace("breaker"), sink)) {
      wb.put("a", "1");
      try (Worker w = wb.startWorker(FAST)) {
        JournalLossIT.await(() -> wb.admin().status().workers().stream().anyMatch(WorkerInfo::databaseUnavailable),
            "the heartbeat to carry the open circuit");
        assertThat(w.databaseUnavailable()).isTrue();
        sink.failuresLeft.set(0);
        wb.flush(Duration.ofSeconds(20));
        JournalLossIT.await(() -> wb.admin().status().workers().stream().noneMatch(WorkerInfo::databaseUnavailable),
            "the heartbeat to carry the closed circuit");
      }
      wb.admin().purgeNamespace();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void flushWithoutAnyWorkerTimesOutWithTheQueueState(String name, String url) {
    try (WriteBehind<String, String> wb = engine(url, Servers.namespace("noworker"), new VersionedMapSink())) {
      wb.put("a", "1");
      assertThatThrownBy(() -> wb.flush(Duration.ofMillis(200)))
          .isInstanceOfSatisfying(FlushTimeoutException.class, e -> {
            assertThat(e.unflushed()).hasSize(1);
            assertThat(e.getMessage()).contains("1 journal entries").contains("no worker holds them");
          });
      wb.admin().purgeNamespace();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void entriesLeftPendingByADeadWorkerAreTakenOver(String name, String url) throws Exception {
    String ns = Servers.namespace("takeover");
    VersionedMapSink sink = new VersionedMapSink();
    try (ValkeyConnection c = ValkeyConnection.open(url, Duration.ofSeconds(5));
         WriteBehind<String, String> wb = WriteBehind.builder(Codecs.textKeysTextValues()).valkeyUrl(url).namespace(ns)
             .partitions(1).sink(sink).build()) {
      Journal journal = new Journal(c, new KeyLayout(ns, 1));
      for (int i = 0; i < 30; i++) {
        wb.put("k" + i, "v" + i);
      }
      // a worker that took the partition, read everything, and died before committing
      assertThat(journal.lease(0, "ghost", 800, Journal.LeaseMode.ACQUIRE).get()).isTrue();
      journal.claim(0, null, false).get();
      assertThat(journal.readNew(0, "ghost", 100).get()).hasSize(30);
      assertThat(wb.admin().status().pending()).isEqualTo(30);

      try (Worker w = wb.startWorker(FAST)) {
        wb.flush(Duration.ofSeconds(15));
        assertThat(w.partitions()).containsExactly(0);
      }
      assertThat(sink.rows).hasSize(30);
      assertThat(wb.admin().status().pending()).isZero();
      assertThat(wb.admin().status().journalLength()).isZero();
      wb.admin().purgeNamespace();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void workersShareThePartitionsAndGiveThemBackOnClose(String name, String url) throws Exception {
    String ns = Servers.namespace("share");
    VersionedMapSink sink = new VersionedMapSink();
    try (WriteBehind<String, String> wb = engine(url, ns, sink);
         StatefulRedisConnection<String, String> raw = Servers.raw(url)) {
      Worker a = wb.startWorker(FAST.mutate().workerId("a").build());
      Worker b = wb.startWorker(FAST.mutate().workerId("b").build());
      long deadline = System.currentTimeMillis() + 10_000;
      while ((a.partitions().size() != 2 || b.partitions().size() != 2) && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertThat(a.partitions()).hasSize(2);
      assertThat(b.partitions()).hasSize(2).doesNotContainAnyElementsOf(a.partitions());
      assertThat(wb.admin().status().workers()).extracting(WorkerInfo::id).contains("a", "b");
      for (int i = 0; i < 500; i++) {
        wb.put("k" + i, "v" + i);
      }
      wb.flush(Duration.ofSeconds(10));
      assertThat(sink.rows).hasSize(500);
      a.close();
      b.close();
      for (int p = 0; p < 4; p++) {
        assertThat(raw.sync().exists(new KeyLayout(ns, 4).leaseKey(p))).isZero();
      }
      assertThat(wb.admin().status().workers()).isEmpty();
      wb.admin().purgeNamespace();
    }
  }

  /**
   * A journal kept for replay holds flushed entries too: they are not unflushed writes, or a
   * status, a health check or a demo waiting for the queue to empty would wait for good.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void flushedEntriesKeptForReplayAreNotCountedAsUnflushed(String name, String url) throws Exception {
    VersionedMapSink sink = new VersionedMapSink();
    try (WriteBehind<String, String> wb = engine(url, Servers.namespace("kept"), sink)) {
      for (int i = 0; i < 300; i++) {
        wb.put("k" + i, "v" + i);
      }
      assertThat(wb.admin().status().unflushed()).isEqualTo(300);
      try (Worker w = wb.startWorker(FAST.mutate().trimJournal(false).build())) {
        wb.flush(Duration.ofSeconds(10));
      }
      assertThat(wb.admin().status().journalLength()).as("kept for replay").isEqualTo(300);
      assertThat(wb.admin().status().unflushed()).isZero();
      for (int i = 0; i < 40; i++) {
        wb.put("late" + i, "v" + i);
      }
      assertThat(wb.admin().status().unflushed()).isEqualTo(40);
      assertThat(wb.admin().status().partitions()).allSatisfy(p -> assertThat(p.unflushed()).isLessThanOrEqualTo(p.length()));
      try (Worker w = wb.startWorker(FAST)) {
        wb.flush(Duration.ofSeconds(10));
      }
      assertThat(wb.admin().status().unflushed()).isZero();
      assertThat(wb.admin().status().journalLength()).as("trimmed by a worker that trims").isZero();
      wb.admin().purgeNamespace();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void replayingTheWholeJournalChangesNothing(String name, String url) throws Exception {
    String ns = Servers.namespace("replay");
    VersionedMapSink sink = new VersionedMapSink();
    try (WriteBehind<String, String> wb = engine(url, ns, sink);
         StatefulRedisConnection<String, String> raw = Servers.raw(url)) {
      for (int i = 0; i < 400; i++) {
        wb.put("k" + (i % 37), "v" + i);
        if (i % 50 == 0) {
          wb.delete("k" + (i % 37));
        }
      }
      WorkerOptions keep = FAST.mutate().trimJournal(false).build();
      try (Worker w = wb.startWorker(keep)) {
        wb.flush(Duration.ofSeconds(10));
      }
      Map<String, VersionedMapSink.Row> before = new HashMap<>(sink.rows);
      KeyLayout layout = new KeyLayout(ns, 4);
      for (int p = 0; p < 4; p++) {
        raw.sync().xgroupSetid(io.lettuce.core.XReadArgs.StreamOffset.from(layout.journalKey(p), "0"), KeyLayout.GROUP);
        raw.sync().del(layout.committedKey(p));
      }
      try (Worker w = wb.startWorker(keep)) {
        wb.flush(Duration.ofSeconds(10));
        // the acknowledgement that ends flush() comes just before the worker counts it
        long deadline = System.currentTimeMillis() + 5_000;
        while (w.stats().flushedEntries() < 408 && System.currentTimeMillis() < deadline) {
          Thread.sleep(10);
        }
        assertThat(w.stats().flushedEntries()).isEqualTo(400 + 8);
        assertThat(w.stats().applied()).as("records the replay changed").isZero();
      }
      assertThat(sink.rows).isEqualTo(before);
      wb.admin().purgeNamespace();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void aMalformedJournalEntryGoesToTheDeadLettersAndTheRestIsApplied(String name, String url) throws Exception {
    String ns = Servers.namespace("malformed");
    VersionedMapSink sink = new VersionedMapSink();
    try (WriteBehind<String, String> wb = WriteBehind.builder(Codecs.textKeysTextValues()).valkeyUrl(url).namespace(ns)
            .partitions(1).sink(sink).build();
         StatefulRedisConnection<String, String> raw = Servers.raw(url)) {
      wb.put("a", "1");
      // something that is not a writebehind entry, written into the journal by hand
      raw.sync().xadd(new KeyLayout(ns, 1).journalKey(0), java.util.Map.of("garbage", "x"));
      wb.put("b", "2");
      try (Worker w = wb.startWorker(FAST)) {
        wb.flush(Duration.ofSeconds(10));
      }
      assertThat(sink.rows.keySet()).containsExactlyInAnyOrder("a", "b");
      assertThat(wb.admin().status().deadLetters()).isEqualTo(1);
      assertThat(wb.admin().deadLetters().list(10)).singleElement()
          .satisfies(d -> assertThat(d.error()).contains("malformed"));
      wb.admin().purgeNamespace();
    }
  }
}
