package io.writebehind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.writebehind.internal.journal.KeyLayout;
import io.writebehind.internal.journal.Versions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Promise 1: a write stores its value and its journal entry in one atomic step. */
class WritePathIT {

  private static WriteBehind<String, String> engine(String url, String ns, int partitions, long limit) {
    return WriteBehind.builder(Codecs.textKeysTextValues()).valkeyUrl(url).namespace(ns).partitions(partitions)
        .maxJournalLength(limit).build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void everyCachedValueHasItsJournalEntryAndEveryWriteIsJournaled(String name, String url) throws Exception {
    String ns = Servers.namespace("atomic");
    try (WriteBehind<String, String> wb = engine(url, ns, 4, 1_000_000);
         StatefulRedisConnection<String, String> raw = Servers.raw(url)) {
      List<CompletableFuture<Long>> writes = new ArrayList<>();
      for (int i = 0; i < 4000; i++) {
        writes.add(wb.putAsync("k" + (i % 50), "value-" + i, null));
      }
      // writes of one key are versioned in the order they were made, each higher than the last
      Map<Integer, Long> lastVersion = new HashMap<>();
      for (int i = 0; i < writes.size(); i++) {
        long v = writes.get(i).get();
        Long previous = lastVersion.put(i % 50, v);
        if (previous != null) {
          assertThat(v).as("version of write %d", i).isGreaterThan(previous);
        }
      }

      KeyLayout layout = new KeyLayout(ns, 4);
      // entry ids are unique within a partition's stream, not across partitions
      Map<String, StreamMessage<String, String>> byPartitionAndId = new HashMap<>();
      long journaled = 0;
      for (int p = 0; p < 4; p++) {
        for (StreamMessage<String, String> m : raw.sync().xrange(layout.journalKey(p), Range.create("-", "+"))) {
          byPartitionAndId.put(p + "/" + m.getId(), m);
          journaled++;
        }
      }
      assertThat(journaled).isEqualTo(4000);
      for (int k = 0; k < 50; k++) {
        Map<String, String> cached = raw.sync().hgetall(layout.valueKey("k" + k));
        StreamMessage<String, String> entry = byPartitionAndId.get(layout.partitionOf("k" + k) + "/" + cached.get("v"));
        assertThat(entry).as("journal entry of the cached version of k%d", k).isNotNull();
        assertThat(entry.getBody().get("d")).isEqualTo(cached.get("d"));
        assertThat(entry.getBody().get("k")).isEqualTo("k" + k);
        // the cached value is the last write of the key
        assertThat(cached.get("d")).isEqualTo("value-" + lastWriteOf(k, 4000, 50));
        assertThat(raw.sync().pttl(layout.valueKey("k" + k))).as("a dirty entry has no TTL").isEqualTo(-1);
      }
      wb.admin().purgeNamespace();
    }
  }

  private static int lastWriteOf(int key, int writes, int keys) {
    return (writes - keys) + key;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void aWriteThatFailsInsideTheScriptLeavesNeitherValueNorEntry(String name, String url) {
    String ns = Servers.namespace("fail");
    try (WriteBehind<String, String> wb = engine(url, ns, 1, 1_000_000);
         StatefulRedisConnection<String, String> raw = Servers.raw(url)) {
      KeyLayout layout = new KeyLayout(ns, 1);
      wb.put("good", "1");
      raw.sync().set(layout.valueKey("bad"), "someone else's string");
      assertThatThrownBy(() -> wb.put("bad", "2")).isInstanceOf(WriteBehindException.class).hasMessageContaining("WRONGTYPE");
      assertThat(raw.sync().xlen(layout.journalKey(0))).isEqualTo(1);
      assertThat(raw.sync().get(layout.valueKey("bad"))).isEqualTo("someone else's string");
      wb.admin().purgeNamespace();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void aFullJournalRefusesTheWholeWrite(String name, String url) {
    String ns = Servers.namespace("full");
    try (WriteBehind<String, String> wb = engine(url, ns, 1, 3);
         StatefulRedisConnection<String, String> raw = Servers.raw(url)) {
      wb.put("a", "1");
      wb.put("b", "1");
      wb.put("a", "2");
      assertThatThrownBy(() -> wb.put("a", "3"))
          .isInstanceOfSatisfying(JournalFullException.class, e -> {
            assertThat(e.journalLength()).isEqualTo(3);
            assertThat(e.limit()).isEqualTo(3);
            assertThat(e.partition()).isZero();
          });
      assertThat(wb.getIfPresent("a")).contains("2");
      assertThat(raw.sync().xlen(new KeyLayout(ns, 1).journalKey(0))).isEqualTo(3);
      wb.admin().purgeNamespace();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void versionsGrowWithEveryWriteOfAKeyEvenAfterTheJournalIsGone(String name, String url) {
    String ns = Servers.namespace("ver");
    try (WriteBehind<String, String> wb = engine(url, ns, 2, 1_000_000)) {
      long v1 = wb.put("a", "1");
      long v2 = wb.delete("a");
      wb.admin().purgeNamespace();
      long v3 = wb.put("a", "again");
      assertThat(v1).isLessThan(v2);
      assertThat(v2).isLessThan(v3);
      assertThat(Versions.millisOf(v3)).isGreaterThan(1_700_000_000_000L);
      wb.admin().purgeNamespace();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void enginesMustAgreeOnThePartitionCount(String name, String url) {
    String ns = Servers.namespace("parts");
    try (WriteBehind<String, String> wb = engine(url, ns, 4, 10)) {
      assertThatThrownBy(() -> engine(url, ns, 8, 10)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("partitions=4").hasMessageContaining("partitions=8");
      wb.admin().purgeNamespace();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void aNamespaceOfAnotherJournalFormatIsRefused(String name, String url) {
    String ns = Servers.namespace("format");
    KeyLayout layout = new KeyLayout(ns, 4);
    try (StatefulRedisConnection<String, String> raw = Servers.raw(url)) {
      raw.sync().set(layout.metaKey(), "partitions=4;journal=3");
      assertThatThrownBy(() -> engine(url, ns, 4, 10)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("journal=3").hasMessageContaining("journal=2");
      raw.sync().set(layout.metaKey(), "partitions=4");
      assertThatThrownBy(() -> engine(url, ns, 4, 10)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("another journal format (an older one");
      raw.sync().del(layout.metaKey());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void aValueOverTheLimitIsRefusedBeforeAnythingIsStored(String name, String url) {
    String ns = Servers.namespace("big");
    try (WriteBehind<String, String> wb = WriteBehind.builder(Codecs.textKeysTextValues()).valkeyUrl(url).namespace(ns)
            .partitions(1).maxValueBytes(10).build();
         StatefulRedisConnection<String, String> raw = Servers.raw(url)) {
      wb.put("a", "0123456789");
      assertThatThrownBy(() -> wb.put("a", "0123456789X"))
          .isInstanceOfSatisfying(ValueTooLargeException.class, e -> {
            assertThat(e.size()).isEqualTo(11);
            assertThat(e.limit()).isEqualTo(10);
          });
      assertThat(wb.getIfPresent("a")).contains("0123456789");
      assertThat(raw.sync().xlen(new KeyLayout(ns, 1).journalKey(0))).isEqualTo(1);
      assertThatThrownBy(() -> WriteBehind.builder(Codecs.textKeysTextValues()).maxValueBytes(0))
          .hasMessage("maxValueBytes must be between 1 and 536870912, was 0");
      wb.admin().purgeNamespace();
    }
  }
}
