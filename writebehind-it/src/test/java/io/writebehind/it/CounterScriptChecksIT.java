package io.writebehind.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.writebehind.ValkeyConnection;
import io.writebehind.internal.journal.Journal;
import io.writebehind.internal.journal.KeyLayout;
import io.writebehind.testkit.TestServers;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the increment script checks, kept lean for speed: a writer counting partitions
 * otherwise is refused (by the builder, and by the script wherever it reads the partition's
 * record: filling a counter, finding the journal gone), a journal that vanished under its
 * record is counted as lost, and a key of another type in the dirty versions' place refuses the increment with
 * nothing stored (the script takes its journal entry back); and a counter loses its TTL with
 * its first pending delta, though the script persists it only when its dirty mark is new.
 */
class CounterScriptChecksIT {
  static Stream<Arguments> servers() {
    return TestServers.redisServers().stream().map(s -> Arguments.of(s.name(), s.url()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void anotherPartitionCountIsRefusedAndAVanishedJournalIsCounted(String name, String url) throws Exception {
    try (CounterFixture f = new CounterFixture(url, TestServers.postgresJdbcUrl(), 2);
         RedisClient client = RedisClient.create(url);
         StatefulRedisConnection<String, String> raw = client.connect()) {
      for (long k = 0; k < 20; k++) {
        f.view(k, 1);
      }
      KeyLayout two = new KeyLayout(f.namespace, 2);
      int p = two.partitionOf("3");
      // what eviction or a hand-made DEL does to a journal whose record stays
      raw.sync().del(two.journalKey(p));
      // the record's count of losses, as the increment leaves it (status would count a missing journal itself)
      assertThat(raw.sync().hget(two.partitionKey(p), "lost")).isNull();
      assertThat(f.view(3, 1)).isEqualTo(2);
      assertThat(raw.sync().hget(two.partitionKey(p), "lost")).as("the vanished journal counted").isEqualTo("1");
      assertThat(f.counters.admin().status().journalLosses()).isEqualTo(1);
      assertThat(raw.sync().xlen(two.journalKey(p))).as("the increment journaled anew").isEqualTo(1);

      // a writer with another count: the builder refuses it
      assertThatThrownBy(() -> CounterFixture.build(url, f.namespace, 4, f.jdbc))
          .hasMessageContaining("use the same partition count");

      // past the builder's check, it meets the partition's record wherever the increment
      // reads it: filling a counter (every counter's first use), and a journal gone
      KeyLayout four = new KeyLayout(f.namespace, 4);
      String fresh = firstKeyInPartitionBelow(four, 2, 100);
      String cached = firstKeyInPartitionBelow(four, 2, 0);
      assertThat(raw.sync().exists(four.valueKey(cached))).as("cached by the right writer").isEqualTo(1);
      try (ValkeyConnection c = ValkeyConnection.open(url, Duration.ofSeconds(5))) {
        Journal wrong = new Journal(c, four);
        String[] fields = {"views", "bookings"};
        long journaled = raw.sync().xlen(four.journalKey(four.partitionOf(fresh)));
        assertThatThrownBy(() -> wrong.increment(fresh, fields, new long[] {1, 0}, "0-0", new long[] {0, 0}, 0, 0).get())
            .hasMessageContaining("WBPARTITIONS").hasMessageContaining("records 2 partitions");
        assertThat(raw.sync().xlen(four.journalKey(four.partitionOf(fresh)))).as("nothing journaled").isEqualTo(journaled);
        assertThat(raw.sync().exists(four.valueKey(fresh))).as("nothing filled").isZero();

        int q = four.partitionOf(cached);
        raw.sync().del(four.journalKey(q));
        String lost = raw.sync().hget(four.partitionKey(q), "lost");
        assertThatThrownBy(() -> wrong.increment(cached, fields, new long[] {1, 0}, null, null, 0, 0).get())
            .hasMessageContaining("WBPARTITIONS").hasMessageContaining("records 2 partitions");
        assertThat(raw.sync().exists(four.journalKey(q))).as("nothing journaled").isZero();
        assertThat(raw.sync().hget(four.partitionKey(q), "lost")).as("no loss counted for a refused writer").isEqualTo(lost);
        assertThat(raw.sync().hget(four.valueKey(cached), "views")).as("the total unchanged")
            .isEqualTo(Long.toString(f.acked.get(Long.parseLong(cached))));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void aForeignKeyInTheDirtyVersionsPlaceRefusesTheIncrementWithNothingStored(String name, String url) throws Exception {
    try (CounterFixture f = new CounterFixture(url, TestServers.postgresJdbcUrl(), 1);
         RedisClient client = RedisClient.create(url);
         StatefulRedisConnection<String, String> raw = client.connect()) {
      KeyLayout layout = new KeyLayout(f.namespace, 1);
      f.view(1, 5);
      raw.sync().del(layout.dirtyKey(0));
      raw.sync().set(layout.dirtyKey(0), "not a hash");
      long journaled = raw.sync().xlen(layout.journalKey(0));
      assertThatThrownBy(() -> f.counters.increment(1L, "views", 1)).hasMessageContaining(layout.dirtyKey(0));
      assertThat(raw.sync().xlen(layout.journalKey(0))).as("the entry taken back").isEqualTo(journaled);
      assertThat(raw.sync().hget(layout.valueKey(0, "1"), "views")).as("the total unchanged").isEqualTo("5");
      raw.sync().del(layout.dirtyKey(0));
      assertThat(f.view(1, 1)).isEqualTo(6);
      assertThat(raw.sync().hget(layout.dirtyKey(0), "1")).as("marked dirty again").isNotNull();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void aCounterHasNoTtlWhileItHasDeltasTheDatabaseLacks(String name, String url) throws Exception {
    try (CounterFixture f = new CounterFixture(url, TestServers.postgresJdbcUrl(), 1);
         RedisClient client = RedisClient.create(url);
         StatefulRedisConnection<String, String> raw = client.connect()) {
      String counter = new KeyLayout(f.namespace, 1).valueKey(0, "1");
      assertThat(f.counters.get(1L)).containsEntry("views", 0L);
      assertThat(raw.sync().pttl(counter)).as("filled with nothing pending: a TTL").isPositive();
      f.view(1, 1);
      assertThat(raw.sync().pttl(counter)).as("a delta pending: no TTL").isEqualTo(-1);
      try (Worker worker = f.counters.startWorker(WorkerOptions.builder().linger(Duration.ofMillis(5)).build())) {
        f.counters.flush(Duration.ofSeconds(60));
      }
      assertThat(raw.sync().pttl(counter)).as("all in the database: a TTL again").isPositive();
      f.view(1, 1);
      assertThat(raw.sync().pttl(counter)).as("a delta pending again: no TTL").isEqualTo(-1);
      f.view(1, 1);
      assertThat(raw.sync().pttl(counter)).as("still none").isEqualTo(-1);
    }
  }

  /** The first key from {@code from} on in a partition below {@code bound}. */
  private static String firstKeyInPartitionBelow(KeyLayout layout, int bound, long from) {
    for (long k = from; ; k++) {
      if (layout.partitionOf(Long.toString(k)) < bound) {
        return Long.toString(k);
      }
    }
  }
}
