package io.writebehind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.writebehind.admin.Namespaces;
import io.writebehind.internal.journal.Journal;
import io.writebehind.internal.journal.KeyLayout;
import io.writebehind.ValkeyConnection;
import io.writebehind.worker.Worker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Promise 12 where Valkey loses what it held: a journal that vanishes (evicted, deleted,
 * flushed away) is a counted loss that makes {@code flush()} fail, never a silent re-creation;
 * and writers or workers with another partition count are refused by the partition's own
 * record, even when the namespace record is gone.
 */
class JournalLossIT {
  private static WriteBehind<String, String> engine(String url, String ns, int partitions, VersionedMapSink sink) {
    return WriteBehind.builder(Codecs.textKeysTextValues()).valkeyUrl(url).namespace(ns).partitions(partitions)
        .sink(sink).build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void aJournalDeletedUnderARunningWorkerFailsFlushUntilAcknowledged(String name, String url) throws Exception {
    String ns = Servers.namespace("lostjournal");
    VersionedMapSink sink = new VersionedMapSink();
    try (WriteBehind<String, String> wb = engine(url, ns, 2, sink);
         StatefulRedisConnection<String, String> raw = Servers.raw(url)) {
      KeyLayout layout = new KeyLayout(ns, 2);
      try (Worker w = wb.startWorker(WorkerIT.FAST)) {
        wb.put("warm", "1");
        wb.flush(Duration.ofSeconds(10));
        sink.failuresLeft.set(Integer.MAX_VALUE);
        for (int i = 0; i < 50; i++) {
          wb.put("k" + i, "v" + i);
        }
        // what eviction under allkeys-lru does to a journal with unflushed writes
        raw.sync().del(layout.journalKey(0), layout.journalKey(1));
        sink.failuresLeft.set(0);
        wb.put("after", "x");
        assertThatThrownBy(() -> wb.flush(Duration.ofSeconds(10)))
            .isInstanceOf(JournalLostException.class)
            .hasMessageContaining("vanished");
        assertThat(wb.admin().status().journalLosses()).isPositive();
        await(() -> w.stats().journalLosses() > 0, "the worker to report the loss");
        assertThat(wb.admin().acknowledgeJournalLosses()).isPositive();
        wb.flush(Duration.ofSeconds(10));
        assertThat(sink.rows.get("after").value()).isEqualTo("x");
        assertThat(wb.admin().status().journalLosses()).isZero();
      }
      wb.admin().purgeNamespace();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void everyKeyOfTheNamespaceGoneIsALossTheWorkerFindsByTheEpoch(String name, String url) throws Exception {
    String ns = Servers.namespace("flushall");
    VersionedMapSink sink = new VersionedMapSink();
    try (WriteBehind<String, String> wb = engine(url, ns, 1, sink);
         StatefulRedisConnection<String, String> raw = Servers.raw(url)) {
      try (Worker w = wb.startWorker(WorkerIT.FAST)) {
        wb.put("warm", "1");
        wb.flush(Duration.ofSeconds(10));
        sink.failuresLeft.set(Integer.MAX_VALUE);
        for (int i = 0; i < 30; i++) {
          wb.put("k" + i, "v" + i);
        }
        // FLUSHALL, as far as this namespace goes (the test server is shared)
        RedisCommands<String, String> r = raw.sync();
        for (String pattern : new KeyLayout(ns, 1).scanPatterns()) {
          List<String> keys = r.keys(pattern);
          if (!keys.isEmpty()) {
            r.del(keys.toArray(new String[0]));
          }
        }
        sink.failuresLeft.set(0);
        await(() -> w.stats().journalLosses() > 0, "the worker to find the partition created anew");
        assertThatThrownBy(() -> wb.flush(Duration.ofSeconds(10))).isInstanceOf(JournalLostException.class);
      }
      wb.admin().purgeNamespace();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void aPurgeIsNoLoss(String name, String url) throws Exception {
    String ns = Servers.namespace("purgenoloss");
    VersionedMapSink sink = new VersionedMapSink();
    try (WriteBehind<String, String> wb = engine(url, ns, 1, sink)) {
      try (Worker w = wb.startWorker(WorkerIT.FAST)) {
        wb.put("a", "1");
        wb.flush(Duration.ofSeconds(10));
        wb.admin().purgeNamespace();
        wb.put("b", "2");
        wb.flush(Duration.ofSeconds(10));
        assertThat(w.stats().journalLosses()).isZero();
        assertThat(sink.rows.get("b").value()).isEqualTo("2");
      }
      wb.admin().purgeNamespace();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void anotherPartitionCountIsRefusedEvenWithTheNamespaceRecordGone(String name, String url) throws Exception {
    String ns = Servers.namespace("partcount");
    try (WriteBehind<String, String> wb = engine(url, ns, 16, new VersionedMapSink());
         StatefulRedisConnection<String, String> raw = Servers.raw(url)) {
      for (int i = 0; i < 200; i++) {
        wb.put("k" + i, "v" + i);
      }
      raw.sync().del(new KeyLayout(ns, 16).metaKey());
      assertThatThrownBy(() -> engine(url, ns, 4, new VersionedMapSink()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("journals of 16 partitions");
      // a writer or worker that got past the engine's check still meets the partition's record
      try (ValkeyConnection c = ValkeyConnection.open(url, Duration.ofSeconds(5))) {
        Journal four = new Journal(c, new KeyLayout(ns, 4));
        assertThatThrownBy(() -> four.write("k1", new byte[] {1}, false, null, 0).get())
            .hasMessageContaining("WBPARTITIONS").hasMessageContaining("records 16 partitions");
        assertThatThrownBy(() -> four.claim(1, null, false).get()).hasMessageContaining("WBPARTITIONS");
      }
      wb.admin().purgeNamespace();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void aNamespaceWhoseRecordWasDeletedIsStillKnownByItsPartitions(String name, String url) {
    String ns = Servers.namespace("known");
    try (ValkeyConnection c = ValkeyConnection.open(url, Duration.ofSeconds(5));
         StatefulRedisConnection<String, String> raw = Servers.raw(url)) {
      assertThat(Namespaces.exists(c, ns, 16, 5_000)).isFalse();
      try (WriteBehind<String, String> wb = engine(url, ns, 16, new VersionedMapSink())) {
        wb.put("k", "v");
        raw.sync().del(new KeyLayout(ns, 16).metaKey());
        assertThat(Namespaces.exists(c, ns, 16, 5_000)).isTrue();
        wb.admin().purgeNamespace();
      }
      assertThat(Namespaces.exists(c, ns, 16, 5_000)).isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void anAllKeysEvictionPolicyIsRefusedUnlessAccepted(String name, String url) throws Exception {
    try (StatefulRedisConnection<String, String> raw = Servers.raw(url)) {
      String before = raw.sync().configGet("maxmemory-policy").get("maxmemory-policy");
      raw.sync().configSet("maxmemory-policy", "allkeys-lru");
      try {
        String ns = Servers.namespace("evict");
        assertThatThrownBy(() -> engine(url, ns, 1, new VersionedMapSink()))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("allkeys-lru").hasMessageContaining("acceptEviction");
        try (WriteBehind<String, String> wb = WriteBehind.builder(Codecs.textKeysTextValues()).valkeyUrl(url)
            .namespace(ns).partitions(1).acceptEviction(true).build()) {
          assertThat(wb.admin().durabilityWarnings()).anyMatch(w -> w.contains("allkeys-lru"));
          wb.admin().purgeNamespace();
        }
      } finally {
        raw.sync().configSet("maxmemory-policy", before);
      }
    }
  }

  static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }
}
