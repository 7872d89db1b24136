package io.writebehind;

import io.writebehind.admin.DeadLetter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.api.StatefulRedisConnection;
import io.writebehind.internal.journal.KeyLayout;
import io.writebehind.worker.Worker;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Promise 6 whatever the database's error: one record it keeps refusing while it takes the
 * others is dead-lettered, and the rest of its batch lands. Also what the journal holds that
 * could freeze a row or stall a partition: a forged version, a key that is no longer a
 * hash, a dirty-versions key of another type.
 */
class RecordIsolationIT {
  private static WriteBehind<String, String> engine(String url, String ns, VersionedMapSink sink) {
    return WriteBehind.builder(Codecs.textKeysTextValues()).valkeyUrl(url).namespace(ns).partitions(1).sink(sink).build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void aRecordRefusedWithAnySqlStateIsIsolatedAndTheBatchLands(String name, String url) {
    VersionedMapSink sink = new VersionedMapSink();
    // a user's trigger (RAISE, P0001) and an index row over its size limit (54000)
    sink.refused.put("k7", "P0001");
    sink.refused.put("k23", "54000");
    try (WriteBehind<String, String> wb = engine(url, Servers.namespace("isolate"), sink)) {
      for (int i = 0; i < 100; i++) {
        wb.put("k" + i, "v" + i);
      }
      try (Worker w = wb.startWorker(WorkerIT.FAST)) {
        wb.flush(Duration.ofSeconds(20));
        assertThat(w.stats().deadLetters()).isEqualTo(2);
      }
      assertThat(sink.rows).hasSize(98).doesNotContainKeys("k7", "k23");
      assertThat(wb.admin().deadLetters().list(10)).extracting(DeadLetter::key).containsExactlyInAnyOrder("k7", "k23");
      assertThat(wb.admin().deadLetters().list(10)).anyMatch(d -> d.error().contains("refused k7"));
      wb.admin().purgeNamespace();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void whenEveryRecordFailsWithAnUnknownErrorNothingIsDeadLettered(String name, String url) {
    VersionedMapSink sink = new VersionedMapSink();
    // what a missing table looks like: no record of the batch can land, so it is not theirs
    for (int i = 0; i < 10; i++) {
      sink.refused.put("k" + i, "42P01");
    }
    try (WriteBehind<String, String> wb = engine(url, Servers.namespace("alltable"), sink)) {
      for (int i = 0; i < 10; i++) {
        wb.put("k" + i, "v" + i);
      }
      try (Worker w = wb.startWorker(WorkerIT.FAST)) {
        assertThatThrownBy(() -> wb.flush(Duration.ofMillis(1500))).isInstanceOf(FlushTimeoutException.class);
        assertThat(w.stats().deadLetters()).isZero();
        assertThat(w.stats().retries()).isPositive();
        sink.refused.clear();
        wb.flush(Duration.ofSeconds(20));
      }
      assertThat(sink.rows).hasSize(10);
      wb.admin().purgeNamespace();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void anEntryWithAVersionNewerThanItselfIsDeadLetteredNotApplied(String name, String url) {
    String ns = Servers.namespace("forged");
    VersionedMapSink sink = new VersionedMapSink();
    try (WriteBehind<String, String> wb = engine(url, ns, sink);
         StatefulRedisConnection<String, String> raw = Servers.raw(url)) {
      wb.put("row", "first");
      raw.sync().xadd(new KeyLayout(ns, 1).journalKey(0),
          Map.of("k", "row", "o", "p", "d", "frozen", "v", "9000000000000-0"));
      wb.put("row", "second");
      try (Worker w = wb.startWorker(WorkerIT.FAST)) {
        wb.flush(Duration.ofSeconds(20));
        wb.put("row", "third");
        wb.flush(Duration.ofSeconds(20));
        assertThat(w.stats().deadLetters()).isEqualTo(1);
      }
      assertThat(sink.rows.get("row").value()).isEqualTo("third");
      assertThat(sink.rows.get("row").version()).isLessThan(9_000_000_000_000L * 1_000_000L);
      assertThat(wb.admin().deadLetters().list(10)).singleElement()
          .satisfies(d -> assertThat(d.error()).contains("version newer than the entry"));
      wb.admin().purgeNamespace();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void keysOfAnotherTypeNeverStallTheAcknowledgement(String name, String url) {
    String ns = Servers.namespace("acktype");
    VersionedMapSink sink = new VersionedMapSink();
    KeyLayout layout = new KeyLayout(ns, 1);
    try (WriteBehind<String, String> wb = engine(url, ns, sink);
         StatefulRedisConnection<String, String> raw = Servers.raw(url)) {
      for (int i = 0; i < 20; i++) {
        wb.put("k" + i, "v" + i);
      }
      // a value replaced by a string, and the partition's dirty versions replaced by one too
      raw.sync().del(layout.valueKey(0, "k3"));
      raw.sync().set(layout.valueKey(0, "k3"), "not a hash");
      raw.sync().del(layout.dirtyKey(0));
      raw.sync().set(layout.dirtyKey(0), "not a hash either");
      try (Worker w = wb.startWorker(WorkerIT.FAST)) {
        wb.flush(Duration.ofSeconds(10));
        // committed once: an acknowledgement that failed would re-apply the batch in a loop
        assertThat(sink.batches.get()).isLessThanOrEqualTo(2);
        assertThat(w.stats().retries()).isZero();
        // new writes to the partition are refused whole, before anything is stored, until it is repaired
        long journaled = wb.admin().status().journalLength();
        assertThatThrownBy(() -> wb.put("k5", "again")).hasMessageContaining(layout.dirtyKey(0));
        assertThat(wb.admin().status().journalLength()).isEqualTo(journaled);
        raw.sync().del(layout.dirtyKey(0));
        wb.put("k5", "again");
        wb.flush(Duration.ofSeconds(10));
      }
      assertThat(sink.rows).hasSize(20);
      assertThat(sink.rows.get("k5").value()).isEqualTo("again");
      wb.admin().purgeNamespace();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void aKeyOverTheLimitIsRefusedBeforeAnythingIsStored(String name, String url) {
    try (WriteBehind<String, String> wb = WriteBehind.builder(Codecs.textKeysTextValues()).valkeyUrl(url)
        .namespace(Servers.namespace("bigkey")).partitions(1).maxKeyBytes(100).build()) {
      assertThatThrownBy(() -> wb.put("é".repeat(51), "v"))
          .isInstanceOf(KeyTooLargeException.class).hasMessageContaining("102 bytes");
      wb.put("é".repeat(50), "v");
      assertThat(wb.admin().status().journalLength()).isEqualTo(1);
      wb.admin().purgeNamespace();
    }
  }
}
