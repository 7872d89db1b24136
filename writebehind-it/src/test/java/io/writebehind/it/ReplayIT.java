package io.writebehind.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.writebehind.internal.journal.KeyLayout;
import io.writebehind.testkit.TestServers;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Promise 3: replaying the whole journal (the group reset to the start) changes nothing in a real database. */
class ReplayIT {

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.it.Fixture#databases")
  void replayingTheJournalChangesNothing(String name, String jdbcUrl) throws Exception {
    try (Fixture f = new Fixture(TestServers.valkeyUrl(), jdbcUrl, 4);
         RedisClient client = RedisClient.create(f.valkeyUrl);
         StatefulRedisConnection<String, String> raw = client.connect()) {
      for (int i = 0; i < 600; i++) {
        f.engine.put((long) (i % 70), "v" + i);
        if (i % 40 == 0) {
          f.engine.delete((long) (i % 70));
        }
      }
      WorkerOptions keep = WorkerOptions.builder().trimJournal(false).build();
      try (Worker w = f.engine.startWorker(keep)) {
        f.engine.flush(Duration.ofSeconds(30));
      }
      Map<Long, Long> versions = f.versions();
      Map<Long, String> payloads = f.payloads();

      KeyLayout layout = new KeyLayout(f.namespace, 4);
      for (int p = 0; p < 4; p++) {
        raw.sync().xgroupSetid(XReadArgs.StreamOffset.from(layout.journalKey(p), "0"), KeyLayout.GROUP);
        raw.sync().del(layout.committedKey(p));
      }
      try (Worker w = f.engine.startWorker(keep)) {
        f.engine.flush(Duration.ofSeconds(30));
        long deadline = System.currentTimeMillis() + 5_000;
        while (w.stats().flushedEntries() < 615 && System.currentTimeMillis() < deadline) {
          Thread.sleep(10);
        }
        assertThat(w.stats().flushedEntries()).as("entries replayed").isEqualTo(615);
        assertThat(w.stats().applied()).as("records the replay changed").isZero();
      }
      assertThat(f.versions()).isEqualTo(versions);
      assertThat(f.payloads()).isEqualTo(payloads);
    }
  }
}
