package io.writebehind.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.writebehind.JournalFullException;
import io.writebehind.OverflowPolicy;
import io.writebehind.WriteBehind;
import io.writebehind.internal.journal.KeyLayout;
import io.writebehind.testkit.TestServers;
import io.writebehind.worker.Backoff;
import io.writebehind.worker.WorkerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Promise 7: with the database down the journal does not grow past its limit. FAIL refuses
 * at once and stores nothing; BLOCK waits up to its timeout and gets through once the
 * worker makes room; WRITE_THROUGH writes the database itself with a version that no older
 * journaled write of the key can overtake.
 */
class BackpressureIT {
  private static final WorkerOptions QUICK_RETRIES = WorkerOptions.builder()
      .backoff(new Backoff(Duration.ofMillis(10), Duration.ofMillis(100))).linger(Duration.ofMillis(5)).build();

  @Test
  void failRefusesFastAndKeepsTheJournalAndMemoryBounded() throws Exception {
    int partitions = 2;
    int limit = 50;
    try (Fixture f = new Fixture(TestServers.valkeyUrl(), TestServers.postgresJdbcUrl(), 1);
        WriteBehind<Long, String> engine = WriteBehind.builder(Fixture.CODEC).valkeyUrl(f.valkeyUrl)
            .namespace(f.namespace + "-fail").partitions(partitions).maxJournalLength(limit).overflow(OverflowPolicy.FAIL)
            .sink(new OutageSink(f.sink, false)).build();
        RedisClient client = RedisClient.create(f.valkeyUrl);
        StatefulRedisConnection<String, String> conn = client.connect()) {
      engine.startWorker(QUICK_RETRIES);
      List<Long> refused = new ArrayList<>();
      int accepted = 0;
      long slowestRefusalNanos = 0;
      for (long k = 0; k < 400; k++) {
        long t0 = System.nanoTime();
        try {
          engine.put(k, "v" + k);
          accepted++;
        } catch (JournalFullException e) {
          slowestRefusalNanos = Math.max(slowestRefusalNanos, System.nanoTime() - t0);
          refused.add(k);
        }
      }
      assertThat(accepted).isEqualTo(partitions * limit);
      assertThat(refused).hasSize(400 - partitions * limit);
      assertThat(TimeUnit.NANOSECONDS.toMillis(slowestRefusalNanos)).as("a refusal does not wait").isLessThan(1000);
      assertThat(engine.admin().status().journalLength()).isEqualTo(partitions * limit);
      assertThat(engine.getIfPresent(refused.get(0))).as("a refused write stores nothing").isEmpty();

      RedisCommands<String, String> redis = conn.sync();
      KeyLayout layout = new KeyLayout(f.namespace + "-fail", partitions);
      long journalsBefore = journalBytes(redis, layout);
      int keysBefore = namespaceKeys(redis, layout);
      String big = "x".repeat(4096);
      for (long k = 1000; k < 3000; k++) {
        long key = k;
        assertThatThrownBy(() -> engine.put(key, big)).isInstanceOf(JournalFullException.class);
      }
      assertThat(engine.admin().status().journalLength()).isEqualTo(partitions * limit);
      assertThat(journalBytes(redis, layout)).as("2000 refused 4 KB writes add nothing to the journals").isEqualTo(journalsBefore);
      assertThat(namespaceKeys(redis, layout)).as("nor any cache entry").isEqualTo(keysBefore);
      engine.admin().purgeNamespace();
    }
  }

  @Test
  void blockWaitsUpToItsTimeoutThenGetsThroughOnceTheDatabaseIsBack() throws Exception {
    try (Fixture f = new Fixture(TestServers.valkeyUrl(), TestServers.postgresJdbcUrl(), 1)) {
      OutageSink sink = new OutageSink(f.sink, false);
      try (WriteBehind<Long, String> engine = WriteBehind.builder(Fixture.CODEC).valkeyUrl(f.valkeyUrl)
          .namespace(f.namespace + "-block").partitions(1).maxJournalLength(20).overflow(OverflowPolicy.BLOCK)
          .blockTimeout(Duration.ofSeconds(2)).sink(sink).build()) {
        engine.startWorker(QUICK_RETRIES);
        for (long k = 0; k < 20; k++) {
          engine.put(k, "v" + k);
        }
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> engine.put(100L, "blocked")).isInstanceOf(JournalFullException.class);
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(waited).as("blocked about blockTimeout").isBetween(1900L, 6000L);
        assertThat(engine.getIfPresent(100L)).isEmpty();

        CompletableFuture<Long> blocked = CompletableFuture.supplyAsync(() -> engine.put(101L, "waited"));
        Thread.sleep(300);
        assertThat(blocked).as("still waiting for room").isNotDone();
        sink.up(true);
        long version = blocked.get(10, TimeUnit.SECONDS);
        engine.flush(Duration.ofSeconds(30));
        Map<Long, Long> versions = versionsIn(f);
        assertThat(versions.get(101L)).isEqualTo(version);
        assertThat(versions).hasSize(21).doesNotContainKey(100L);
        engine.admin().purgeNamespace();
      }
    }
  }

  @Test
  void writeThroughLandsNowAndNoOlderJournaledWriteOvertakesIt() throws Exception {
    try (Fixture f = new Fixture(TestServers.valkeyUrl(), TestServers.postgresJdbcUrl(), 1);
        WriteBehind<Long, String> engine = WriteBehind.builder(Fixture.CODEC).valkeyUrl(f.valkeyUrl)
            .namespace(f.namespace + "-wt").partitions(1).maxJournalLength(10).overflow(OverflowPolicy.WRITE_THROUGH)
            .sink(f.sink).build()) {
      // No worker yet: the journal fills, the database stays empty.
      long journaled5 = engine.put(5L, "old");
      long newestJournaled = journaled5;
      for (long k = 10; k < 19; k++) {
        newestJournaled = Math.max(newestJournaled, engine.put(k, "j" + k));
      }
      assertThat(f.versions()).isEmpty();

      long through = engine.put(5L, "new");
      assertThat(through).isGreaterThan(newestJournaled);
      assertThat(f.versions()).as("in the database before put returned").containsEntry(5L, through).hasSize(1);
      assertThat(f.payloads()).containsEntry(5L, "new");
      assertThat(engine.admin().status().journalLength()).as("the overflowing write is not journaled").isLessThanOrEqualTo(10);

      engine.startWorker(QUICK_RETRIES);
      // The journal's last id is now the write-through's reserved version, which no worker
      // ever sees: flush must still return once the real entries are in.
      engine.flush(Duration.ofSeconds(30));
      assertThat(engine.admin().status().journalLength()).isZero();
      assertThat(f.versions()).hasSize(10).containsEntry(5L, through);
      assertThat(f.payloads()).containsEntry(5L, "new").containsEntry(12L, "j12");
      assertThat(engine.getIfPresent(5L)).contains("new");
      engine.admin().purgeNamespace();
    }
  }

  private static Map<Long, Long> versionsIn(Fixture f) throws Exception {
    return f.versions();
  }

  private static long journalBytes(RedisCommands<String, String> redis, KeyLayout layout) {
    long total = 0;
    for (int p = 0; p < layout.partitions(); p++) {
      Long bytes = redis.memoryUsage(layout.journalKey(p));
      total += bytes == null ? 0 : bytes;
    }
    return total;
  }

  private static int namespaceKeys(RedisCommands<String, String> redis, KeyLayout layout) {
    int n = 0;
    for (String pattern : layout.scanPatterns()) {
      n += redis.keys(pattern).size();
    }
    return n;
  }
}
