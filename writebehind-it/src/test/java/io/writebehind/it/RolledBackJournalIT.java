package io.writebehind.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.writebehind.internal.journal.Versions;
import io.writebehind.testkit.TestServers;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: a journal rolled back by a failover (a replica promoted before it had the last
 * entries, which a worker had already applied) leaves the database's position ahead of the
 * journal. The worker finds it, counts it in status, and moves the journal's last id up to
 * the position: new increments get ids above it and reach the database, instead of being
 * taken for entries the database has.
 */
class RolledBackJournalIT {
  @Test
  void aDatabasePositionAheadOfTheJournalIsReportedAndNewIncrementsStillReachTheDatabase() throws Exception {
    try (CounterFixture c = new CounterFixture(TestServers.valkeyUrl(), TestServers.postgresJdbcUrl(), 4)) {
      for (int i = 0; i < 40; i++) {
        c.view(i % 8, 1);
      }
      try (Worker w = c.counters.startWorker(WorkerOptions.builder().leaseTtl(Duration.ofMillis(600)).build())) {
        c.counters.flush(Duration.ofSeconds(30));
        assertThat(c.counters.admin().status().journalRollbacks()).isZero();
        // As after a failover to a replica that lacked the last entries, on a clock behind the
        // old primary's: the database's position is past every id the journal would give in the
        // next seconds (not further: purging the namespace at the end waits for the clock to
        // pass the journal's last id).
        long ahead = Versions.fromEntryId((System.currentTimeMillis() + 8_000L) + "-0");
        c.exec("UPDATE writebehind_positions SET position = " + ahead + " WHERE namespace = '" + c.namespace + "'");
        long rows = count(c, "SELECT COUNT(*) FROM writebehind_positions WHERE namespace = '" + c.namespace + "'");
        assertThat(rows).isPositive();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (c.counters.admin().status().journalRollbacks() < rows && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        assertThat(c.counters.admin().status().journalRollbacks()).as("rollbacks in status").isEqualTo(rows);
        assertThat(w.stats().journalRollbacks()).isEqualTo(rows);
        for (int i = 0; i < 40; i++) {
          c.view(i % 8, 1);
        }
        c.counters.flush(Duration.ofSeconds(30));
      }
      c.assertExactlyOnce(Map.of());
    }
  }

  private static long count(CounterFixture c, String sql) throws Exception {
    try (Connection conn = c.dataSource.getConnection(); Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
