package io.writebehind.cli;

import static io.writebehind.cli.WorkerStartupIT.awaitOutput;
import static org.assertj.core.api.Assertions.assertThat;

import io.writebehind.WriteBehind;
import io.writebehind.flights.Flight;
import io.writebehind.flights.FlightCodec;
import io.writebehind.testkit.ChildJvm;
import io.writebehind.testkit.FreshDatabase;
import io.writebehind.testkit.TestServers;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker console says when writes go to the dead letters and when batches fail, with the
 * reason and where to look next, in lines that fit 80 columns.
 */
class WorkerConsoleIT {
  private static final long NO_SUCH_FLIGHT = 987_654_321L;

  @Test
  void deadLettersAndFailedBatchesArePrinted(@TempDir Path dir) throws Exception {
    String ns = "wcons-" + UUID.randomUUID().toString().substring(0, 8);
    try (FreshDatabase db = FreshDatabase.on(TestServers.postgresJdbcUrl(), "wb_wcons")) {
      assertThat(Main.run("init", "--flights", "200", "--valkey-url", TestServers.valkeyUrl(), "--database-url", db.url(),
          "--namespace", ns)).isZero();
      Map<String, String> env = Map.of("VALKEY_URL", TestServers.valkeyUrl(), "DATABASE_URL", db.url());
      try (ChildJvm worker = ChildJvm.start(Main.class, List.of("worker", "--namespace", ns, "--quiet"), env,
              dir.resolve("worker.log"));
          WriteBehind<Long, Flight> engine = WriteBehind.builder(new FlightCodec()).valkeyUrl(TestServers.valkeyUrl())
              .namespace(ns).partitions(16).build()) {
        awaitOutput(worker, "READY");
        LocalDateTime dep = LocalDateTime.of(2025, 10, 1, 8, 30);
        Flight nowhere = new Flight(NO_SUCH_FLIGHT, "WB404", dep, dep.plusHours(2), 1, 1, "AAA", "BBB", "Nowhere Air");
        engine.put(NO_SUCH_FLIGHT, nowhere);
        awaitOutput(worker, "next: writebehind dlq list");
        assertThat(worker.output()).contains("dead letters: 1 write refused for good, the last of key " + NO_SUCH_FLIGHT,
            "  reason: FlightRecordRejectedException: flight " + NO_SUCH_FLIGHT + ": no such flight");

        exec(db.url(), "ALTER TABLE flight RENAME TO flight_away");
        engine.put(NO_SUCH_FLIGHT + 1,
            new Flight(NO_SUCH_FLIGHT + 1, "WB405", dep, dep.plusHours(2), 1, 1, "AAA", "BBB", "Nowhere Air"));
        awaitOutput(worker, "next: writebehind status");
        assertThat(worker.output()).contains("retrying: ").containsPattern("  reason: .*flight");
        exec(db.url(), "ALTER TABLE flight_away RENAME TO flight");
        awaitOutput(worker, "dead letters: 1 write refused for good, the last of key " + (NO_SUCH_FLIGHT + 1));

        worker.sigterm();
        assertThat(worker.waitFor(Duration.ofSeconds(30))).as(worker.output()).isZero();
        assertThat(worker.output().lines().filter(l -> !l.matches("\\d\\d:\\d\\d:\\d\\d.*") && !l.startsWith("worker ")))
            .as("80 columns (the logger's lines and the start and stop lines aside)").allMatch(l -> l.length() <= 80);
        assertThat(worker.output()).contains("database unavailable: batches paused", "database available again");
      }
    } finally {
      TestNamespaces.purge(TestServers.valkeyUrl(), ns);
    }
  }

  private static void exec(String url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
