package io.writebehind.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.writebehind.admin.WorkerInfo;
import io.writebehind.WriteBehind;
import io.writebehind.jdbc.Dialect;
import io.writebehind.jdbc.KeyValueTable;
import io.writebehind.testkit.TestServers;
import io.writebehind.worker.Backoff;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Promise 2 with the database gone for a while (a PostgreSQL of this test's own, stopped
 * and started again on the same port and data): writes keep being acknowledged at cache
 * speed, the worker retries with backoff and says why, and once the database is back every
 * acknowledged write lands.
 */
class DatabaseOutageIT {
  @Test
  void writesAreAcknowledgedThroughAnOutageAndAllLandAfterwards(@TempDir Path data) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    EmbeddedPostgres pg = start(port, data);
    String jdbcUrl = pg.getJdbcUrl("postgres", "postgres");
    String table = "wb_outage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setMaximumPoolSize(2);
    // Fail fast while the database is down, so every retry shows.
    config.setConnectionTimeout(500);
    config.setInitializationFailTimeout(-1);
    try (HikariDataSource ds = new HikariDataSource(config)) {
      KeyValueTable.create(ds, Dialect.POSTGRESQL, table);
      try (WriteBehind<Long, String> engine = WriteBehind.builder(Fixture.CODEC).valkeyUrl(TestServers.valkeyUrl())
          .namespace("it-outage-" + table).partitions(4).sink(KeyValueTable.sink(ds, Dialect.POSTGRESQL, table)).build()) {
        AckedWrites acked = new AckedWrites();
        Worker worker = engine.startWorker(WorkerOptions.builder().leaseTtl(Duration.ofMillis(900))
            .backoff(new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1))).build());
        write(engine, acked, 300);
        engine.flush(Duration.ofSeconds(30));

        pg.close();
        long retriesBefore = worker.stats().retries();
        long slowestPutNanos = 0;
        int duringOutage = 0;
        long outageEnd = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < outageEnd) {
          slowestPutNanos = Math.max(slowestPutNanos, write(engine, acked, 20));
          duringOutage += 20;
          Thread.sleep(100);
        }
        long retriesDuring = worker.stats().retries() - retriesBefore;
        assertThat(retriesDuring).as("the worker kept retrying").isGreaterThanOrEqualTo(3);
        assertThat(worker.stats().lastError()).isNotBlank();
        WorkerInfo info = engine.admin().status().workers().stream().filter(w -> w.id().equals(worker.id())).findFirst().orElseThrow();
        assertThat(info.lastError()).as("status shows why").isNotBlank();
        assertThat(engine.admin().status().journalLength()).as("the outage's writes wait in the journal").isGreaterThan(0);
        assertThat(slowestPutNanos / 1_000_000).as("writes do not wait for the database").isLessThan(1000);

        pg = start(port, data);
        engine.flush(Duration.ofSeconds(60));
        assertThat(duringOutage).isGreaterThan(500);
        Map<Long, Long> versions = new HashMap<>();
        Map<Long, String> payloads = new HashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT id, payload, wb_version FROM " + table)) {
          while (rs.next()) {
            versions.put(rs.getLong(1), rs.getLong(3));
            payloads.put(rs.getLong(1), rs.getString(2));
          }
        }
        acked.newest.forEach((key, ack) -> {
          assertThat(versions.get(key)).as("version of key %d", key).isEqualTo(ack.version());
          assertThat(payloads.get(key)).as("value of key %d", key).isEqualTo(ack.value());
        });
        assertThat(versions.keySet()).containsExactlyInAnyOrderElementsOf(acked.newest.keySet());
        engine.admin().purgeNamespace();
      }
    } finally {
      pg.close();
    }
  }

  private static EmbeddedPostgres start(int port, Path data) throws Exception {
    return EmbeddedPostgres.builder().setPort(port).setDataDirectory(data).setCleanDataDirectory(false).start();
  }

  /** Writes n random keys; returns the slowest put in nanoseconds. */
  private static long write(WriteBehind<Long, String> engine, AckedWrites acked, int n) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long slowest = 0;
    for (int i = 0; i < n; i++) {
      long key = r.nextInt(500);
      String value = "v" + r.nextLong();
      long t0 = System.nanoTime();
      long version = engine.put(key, value);
      slowest = Math.max(slowest, System.nanoTime() - t0);
      acked.acknowledged(key, version, value);
    }
    return slowest;
  }
}
