package io.writebehind;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.StatefulRedisConnection;
import io.writebehind.internal.journal.Journal;
import io.writebehind.internal.journal.KeyLayout;
import io.writebehind.ValkeyConnection;
import io.writebehind.internal.journal.Versions;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Promise 4: readers see the newest write; dirty entries do not expire, flushed ones do. */
class CacheLifecycleIT {
  private static final int PARTITIONS = 2;

  private static WriteBehind<String, String> twoPartitions(String url, String ns, Duration ttl, VersionedMapSink sink) {
    return WriteBehind.builder(Codecs.textKeysTextValues()).valkeyUrl(url).namespace(ns)
        .partitions(PARTITIONS).ttl(ttl).sink(sink).build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void dirtyEntriesOutliveTheirTtlAndFlushedOnesGetIt(String name, String url) throws Exception {
    String ns = Servers.namespace("ttl");
    VersionedMapSink sink = new VersionedMapSink();
    try (WriteBehind<String, String> wb = twoPartitions(url, ns, Duration.ofMillis(800), sink);
         StatefulRedisConnection<String, String> raw = Servers.raw(url)) {
      KeyLayout layout = new KeyLayout(ns, PARTITIONS);
      wb.put("a", "1");
      Thread.sleep(1200);
      assertThat(wb.getIfPresent("a")).as("dirty entry after its TTL").contains("1");
      assertThat(raw.sync().pttl(layout.valueKey("a"))).isEqualTo(-1);
      assertThat(wb.read("a", k -> null).dirty()).as("written, not flushed").isTrue();

      try (Worker w = wb.startWorker(WorkerOptions.builder().linger(Duration.ofMillis(5)).build())) {
        wb.flush(Duration.ofSeconds(10));
        long pttl = raw.sync().pttl(layout.valueKey("a"));
        assertThat(pttl).isBetween(1L, 800L);
        assertThat(raw.sync().hexists(layout.dirtyKey(layout.partitionOf("a")), "a")).as("still marked dirty").isFalse();
        assertThat(wb.read("a", k -> null).dirty()).isFalse();
      }
      Thread.sleep(1000);
      assertThat(wb.getIfPresent("a")).as("flushed entry after its TTL").isEmpty();
      assertThat(sink.rows.get("a").value()).isEqualTo("1");
      wb.admin().purgeNamespace();
    }
  }

  /**
   * A value whose dirty mark is gone (removed by hand) is left as it is, without TTL: the
   * mark alone says which version may expire. Its flush still commits and moves on.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void aValueWithoutItsDirtyMarkKeepsNoTtlAndItsFlushGoesOn(String name, String url) throws Exception {
    String ns = Servers.namespace("nomark");
    VersionedMapSink sink = new VersionedMapSink();
    try (WriteBehind<String, String> wb = twoPartitions(url, ns, Duration.ofSeconds(30), sink);
         StatefulRedisConnection<String, String> raw = Servers.raw(url)) {
      KeyLayout layout = new KeyLayout(ns, PARTITIONS);
      wb.put("a", "1");
      assertThat(raw.sync().hdel(layout.dirtyKey(layout.partitionOf("a")), "a")).isEqualTo(1);
      try (Worker w = wb.startWorker(WorkerOptions.builder().linger(Duration.ofMillis(5)).build())) {
        wb.flush(Duration.ofSeconds(10));
        assertThat(raw.sync().pttl(layout.valueKey("a"))).isEqualTo(-1L);
      }
      assertThat(sink.rows.get("a").value()).isEqualTo("1");
      wb.admin().purgeNamespace();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void aFlushOfAnOlderVersionLeavesANewerWriteDirty(String name, String url) throws Exception {
    String ns = Servers.namespace("race");
    try (ValkeyConnection c = ValkeyConnection.open(url, Duration.ofSeconds(5));
         WriteBehind<String, String> wb = WriteBehind.builder(Codecs.textKeysTextValues()).valkeyUrl(url).namespace(ns).partitions(1).build();
         StatefulRedisConnection<String, String> raw = Servers.raw(url)) {
      Journal journal = new Journal(c, new KeyLayout(ns, 1));
      journal.claim(0, null, false).get();
      long v1 = wb.put("a", "old");
      List<io.writebehind.internal.journal.JournalEntry> read = journal.readNew(0, "w1", 10).get();
      assertThat(read).hasSize(1);
      wb.put("a", "new");
      // the batch holding "old" commits and acknowledges after "new" was written
      assertThat(read.get(0).versionId()).isEqualTo(Versions.toEntryId(v1));
      String id = read.get(0).id();
      assertThat(journal.ack(0, id, id, read, 60_000, true).get().markedClean()).as("values marked clean").isZero();
      KeyLayout layout = new KeyLayout(ns, 1);
      assertThat(raw.sync().pttl(layout.valueKey("a"))).isEqualTo(-1);
      assertThat(wb.read("a", k -> null).dirty()).isTrue();
      assertThat(wb.getIfPresent("a")).contains("new");
      assertThat(raw.sync().xlen(layout.journalKey(0))).as("the newer write is still journaled").isEqualTo(1);
      wb.admin().purgeNamespace();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void aMissLoadsOnceAndFillsWithTtl(String name, String url) {
    String ns = Servers.namespace("miss");
    try (WriteBehind<String, String> wb = WriteBehind.builder(Codecs.textKeysTextValues()).valkeyUrl(url).namespace(ns)
            .partitions(2).ttl(Duration.ofSeconds(30)).build();
         StatefulRedisConnection<String, String> raw = Servers.raw(url)) {
      AtomicInteger loads = new AtomicInteger();
      CacheRead<String> first = wb.read("a", k -> { loads.incrementAndGet(); return "from-db"; });
      CacheRead<String> second = wb.read("a", k -> { loads.incrementAndGet(); return "from-db-again"; });
      assertThat(first.hit()).isFalse();
      assertThat(first.value()).contains("from-db");
      assertThat(second.hit()).isTrue();
      assertThat(second.value()).contains("from-db");
      assertThat(loads).hasValue(1);
      assertThat(raw.sync().pttl(new KeyLayout(ns, 2).valueKey("a"))).isBetween(1L, 30_000L);
      assertThat(wb.read("absent", k -> null).value()).isEmpty();
      assertThat(wb.getIfPresent("absent")).isEmpty();
      wb.admin().purgeNamespace();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void aMissFillNeverOverwritesAConcurrentPut(String name, String url) {
    String ns = Servers.namespace("fill");
    try (WriteBehind<String, String> wb = WriteBehind.builder(Codecs.textKeysTextValues()).valkeyUrl(url).namespace(ns).partitions(2).build()) {
      CacheRead<String> read = wb.read("a", k -> {
        wb.put("a", "written-while-loading");
        return "stale-from-db";
      });
      assertThat(read.value()).contains("written-while-loading");
      assertThat(wb.getIfPresent("a")).contains("written-while-loading");
      wb.admin().purgeNamespace();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void anUnflushedDeleteHidesTheKeyWithoutAskingTheDatabase(String name, String url) throws Exception {
    String ns = Servers.namespace("del");
    VersionedMapSink sink = new VersionedMapSink();
    try (WriteBehind<String, String> wb = WriteBehind.builder(Codecs.textKeysTextValues()).valkeyUrl(url).namespace(ns)
            .partitions(2).sink(sink).build();
         StatefulRedisConnection<String, String> raw = Servers.raw(url)) {
      wb.put("a", "1");
      wb.delete("a");
      AtomicInteger loads = new AtomicInteger();
      CacheRead<String> read = wb.read("a", k -> { loads.incrementAndGet(); return "resurrected"; });
      assertThat(read.value()).isEmpty();
      assertThat(read.hit()).isTrue();
      assertThat(loads).hasValue(0);
      try (Worker w = wb.startWorker(WorkerOptions.defaults())) {
        wb.flush(Duration.ofSeconds(10));
      }
      assertThat(sink.rows.get("a").deleted()).isTrue();
      assertThat(raw.sync().exists(new KeyLayout(ns, 2).valueKey("a"))).as("flushed delete leaves no entry").isZero();
      wb.admin().purgeNamespace();
    }
  }
}
