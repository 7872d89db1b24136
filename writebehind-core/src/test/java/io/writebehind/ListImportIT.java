package io.writebehind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.writebehind.internal.journal.KeyLayout;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** putTakingHead: another system's list element becomes a write in one atomic step. */
class ListImportIT {

  private static WriteBehind<String, String> engine(String url, String ns, long limit) {
    return WriteBehind.builder(Codecs.textKeysTextValues()).valkeyUrl(url).namespace(ns).partitions(2)
        .maxJournalLength(limit).build();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void theHeadLeavesTheListAsItsWriteIsJournaledExactlyAsAPut(String name, String url) {
    String ns = Servers.namespace("import");
    String list = ns + "-queue";
    try (WriteBehind<String, String> wb = engine(url, ns, 1_000_000);
         StatefulRedisConnection<String, String> raw = Servers.raw(url)) {
      raw.sync().rpush(list, "task-1", "task-2");
      OptionalLong v = wb.putTakingHead(list, bytes("task-1"), "k", "imported", "{\"user\":\"u\"}");
      long put = wb.put("other", "put", "{\"user\":\"u\"}");

      assertThat(v).isPresent();
      assertThat(raw.sync().lrange(list, 0, -1)).containsExactly("task-2");
      assertThat(wb.getIfPresent("k")).contains("imported");
      KeyLayout layout = new KeyLayout(ns, 2);
      Map<String, String> cached = raw.sync().hgetall(layout.valueKey("k"));
      Map<String, String> cachedByPut = raw.sync().hgetall(layout.valueKey("other"));
      assertThat(cached.keySet()).isEqualTo(cachedByPut.keySet());
      assertThat(raw.sync().pttl(layout.valueKey("k"))).isEqualTo(-1);
      assertThat(raw.sync().hget(layout.dirtyKey(layout.partitionOf("k")), "k")).isEqualTo(cached.get("v"));
      List<StreamMessage<String, String>> entries =
          raw.sync().xrange(layout.journalKey(layout.partitionOf("k")), Range.create(cached.get("v"), cached.get("v")));
      assertThat(entries).hasSize(1);
      assertThat(entries.get(0).getBody()).containsExactlyInAnyOrderEntriesOf(
          Map.of("k", "k", "o", "p", "d", "imported", "m", "{\"user\":\"u\"}"));
      assertThat(put).isPositive();
      wb.admin().purgeNamespace();
    } finally {
      try (StatefulRedisConnection<String, String> raw = Servers.raw(url)) {
        raw.sync().del(list);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void aHeadThatChangedMeanwhileTakesAndStoresNothing(String name, String url) {
    String ns = Servers.namespace("import");
    String list = ns + "-queue";
    try (WriteBehind<String, String> wb = engine(url, ns, 1_000_000);
         StatefulRedisConnection<String, String> raw = Servers.raw(url)) {
      raw.sync().rpush(list, "task-2");
      assertThat(wb.putTakingHead(list, bytes("task-1"), "k", "imported", null)).isEmpty();
      assertThat(wb.putTakingHead(ns + "-no-such-list", bytes("task-1"), "k", "imported", null)).isEmpty();
      assertThat(raw.sync().lrange(list, 0, -1)).containsExactly("task-2");
      assertThat(wb.getIfPresent("k")).isEmpty();
      assertThat(wb.admin().status().partitions()).allSatisfy(p -> assertThat(p.length()).isZero());
      wb.admin().purgeNamespace();
    } finally {
      try (StatefulRedisConnection<String, String> raw = Servers.raw(url)) {
        raw.sync().del(list);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void aFullJournalLeavesTheHeadInTheList(String name, String url) {
    String ns = Servers.namespace("import");
    String list = ns + "-queue";
    try (WriteBehind<String, String> wb = WriteBehind.builder(Codecs.textKeysTextValues()).valkeyUrl(url).namespace(ns)
             .partitions(1).maxJournalLength(1).build();
         StatefulRedisConnection<String, String> raw = Servers.raw(url)) {
      wb.put("first", "fills the journal");
      raw.sync().rpush(list, "task-1");
      assertThatThrownBy(() -> wb.putTakingHead(list, bytes("task-1"), "k", "imported", null))
          .isInstanceOf(JournalFullException.class);
      assertThat(raw.sync().lrange(list, 0, -1)).containsExactly("task-1");
      assertThat(wb.getIfPresent("k")).isEmpty();
      wb.admin().purgeNamespace();
    } finally {
      try (StatefulRedisConnection<String, String> raw = Servers.raw(url)) {
        raw.sync().del(list);
      }
    }
  }
}
