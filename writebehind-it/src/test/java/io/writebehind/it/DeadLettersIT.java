package io.writebehind.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.writebehind.admin.DeadLetter;
import io.writebehind.admin.DeadLetters;
import io.writebehind.WriteBehind;
import io.writebehind.jdbc.DataSources;
import io.writebehind.jdbc.Dialect;
import io.writebehind.jdbc.KeyValueTable;
import io.writebehind.testkit.TestServers;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Promise 6: one record the database refuses for good (a value too long for its column)
 * does not hold up the 199 good ones of its batch; it waits in the dead letters with its
 * error and value, where it can be replayed once fixed, is refused as SUPERSEDED when a
 * newer write of its key exists, and can be dropped.
 */
class DeadLettersIT {
  private static final String TOO_LONG = "far-too-long-for-eight";


  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.it.Fixture#databases")
  void aBadRecordIsIsolatedKeptReplayedAndDropped(String name, String jdbcUrl) throws Exception {
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String table = "wb_dlq_" + id;
    Dialect dialect = Dialect.fromJdbcUrl(jdbcUrl);
    try (HikariDataSource ds = DataSources.hikari(jdbcUrl, 2, "dlq-" + id)) {
      exec(ds, "CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, payload VARCHAR(8), wb_version BIGINT NOT NULL)");
      // One partition and a batch larger than the writes: all 200 arrive in one batch.
      try (WriteBehind<Long, String> engine = WriteBehind.builder(Fixture.CODEC).valkeyUrl(TestServers.valkeyUrl())
          .namespace("it-dlq-" + id).partitions(1).sink(KeyValueTable.sink(ds, dialect, table)).build()) {
        Map<Long, Long> versions = new HashMap<>();
        for (long k = 0; k < 200; k++) {
          versions.put(k, engine.put(k, k == 77 ? TOO_LONG : "v" + k));
        }
        Worker worker = engine.startWorker(WorkerOptions.builder().batchSize(1000).build());
        engine.flush(Duration.ofSeconds(60));
        // The worker counts a batch just after acknowledging it, which is what flush waits for.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (worker.stats().flushedEntries() < 199 && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }

        assertThat(worker.stats().batches()).as("one batch, split inside").isEqualTo(1);
        assertThat(worker.stats().flushedEntries()).isEqualTo(199);
        assertThat(worker.stats().deadLetters()).isEqualTo(1);
        Map<Long, String> rows = payloads(ds, table);
        assertThat(rows).hasSize(199).doesNotContainKey(77L);
        assertThat(rows.get(76L)).isEqualTo("v76");
        assertThat(engine.admin().status().deadLetters()).isEqualTo(1);

        DeadLetters dead = engine.admin().deadLetters();
        List<DeadLetter> letters = dead.list(10);
        assertThat(letters).hasSize(1);
        DeadLetter letter = letters.get(0);
        assertThat(letter.key()).isEqualTo("77");
        assertThat(letter.version()).isEqualTo(versions.get(77L));
        assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo(TOO_LONG);
        assertThat(letter.error()).containsIgnoringCase("too long");
        assertThat(dead.get(letter.handle())).hasValueSatisfying(d -> assertThat(d.version()).isEqualTo(letter.version()));

        // A newer good write of the key: the dead one must not come back over it.
        long newer = engine.put(77L, "ok77");
        engine.flush(Duration.ofSeconds(30));
        assertThat(dead.replay(letter.handle())).isEqualTo(DeadLetters.ReplayOutcome.SUPERSEDED);
        engine.flush(Duration.ofSeconds(30));
        assertThat(payloads(ds, table).get(77L)).isEqualTo("ok77");
        assertThat(versionOf(ds, table, 77L)).isEqualTo(newer);
        assertThat(dead.drop(letter.handle())).isTrue();
        assertThat(dead.list(10)).isEmpty();
        assertThat(dead.get(letter.handle())).isEmpty();
        assertThat(engine.getIfPresent(77L)).as("dropping the dead write keeps the newer cached one").contains("ok77");
        assertThat(dead.replay(letter.handle())).isEqualTo(DeadLetters.ReplayOutcome.MISSING);
        assertThat(dead.drop(letter.handle())).isFalse();

        // Fix the cause, then replay: the write lands after all.
        long badVersion = engine.put(300L, TOO_LONG);
        engine.flush(Duration.ofSeconds(30));
        DeadLetter second = dead.list(10).get(0);
        assertThat(second.version()).isEqualTo(badVersion);
        exec(ds, dialect == Dialect.MARIADB ? "ALTER TABLE " + table + " MODIFY payload VARCHAR(100)"
            : "ALTER TABLE " + table + " ALTER COLUMN payload TYPE VARCHAR(100)");
        assertThat(dead.replay(second.handle())).isEqualTo(DeadLetters.ReplayOutcome.REPLAYED);
        engine.flush(Duration.ofSeconds(30));
        assertThat(payloads(ds, table).get(300L)).isEqualTo(TOO_LONG);
        assertThat(versionOf(ds, table, 300L)).as("a replay keeps the write's version").isEqualTo(badVersion);
        assertThat(dead.list(10)).isEmpty();

        // A newer write flushed and its cache entry expired: the cache cannot tell, the
        // database's guard refuses the replayed older write.
        exec(ds, "ALTER TABLE " + table + " ADD CONSTRAINT " + table + "_not_bad CHECK (payload <> 'bad')");
        engine.put(400L, "bad");
        engine.flush(Duration.ofSeconds(30));
        DeadLetter third = dead.list(10).get(0);
        long newest = engine.put(400L, "ok400");
        engine.flush(Duration.ofSeconds(30));
        try (var client = io.lettuce.core.RedisClient.create(TestServers.valkeyUrl()); var raw = client.connect()) {
          raw.sync().del(new io.writebehind.internal.journal.KeyLayout("it-dlq-" + id, 1).valueKey("400"));
        }
        exec(ds, "ALTER TABLE " + table + " DROP CONSTRAINT " + table + "_not_bad");
        assertThat(dead.replay(third.handle())).isEqualTo(DeadLetters.ReplayOutcome.REPLAYED);
        engine.flush(Duration.ofSeconds(30));
        assertThat(payloads(ds, table).get(400L)).isEqualTo("ok400");
        assertThat(versionOf(ds, table, 400L)).isEqualTo(newest);
        assertThat(dead.list(10)).isEmpty();
        assertThat(engine.admin().status().deadLetters()).isZero();
        engine.admin().purgeNamespace();
      } finally {
        exec(ds, "DROP TABLE " + table);
      }
    }
  }

  static void exec(HikariDataSource ds, String sql) throws Exception {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  static Map<Long, String> payloads(HikariDataSource ds, String table) throws Exception {
    Map<Long, String> out = new HashMap<>();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, payload FROM " + table)) {
      while (rs.next()) {
        out.put(rs.getLong(1), rs.getString(2));
      }
    }
    return out;
  }

  static long versionOf(HikariDataSource ds, String table, long key) throws Exception {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT wb_version FROM " + table + " WHERE id = " + key)) {
      return rs.next() ? rs.getLong(1) : -1;
    }
  }
}
