package io.writebehind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.writebehind.Counters;
import io.writebehind.flights.FlightStats;
import io.writebehind.jdbc.DataSources;
import io.writebehind.testkit.ChildJvm;
import io.writebehind.testkit.FreshDatabase;
import io.writebehind.testkit.TestServers;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command-line contract of {@code load --workload views}: every acknowledged increment is
 * a line of the ack log when load exits, and after {@code worker --counters} processes (the
 * first killed with kill -9 mid-drain) each flight's flight_stats.views is the sum of its
 * deltas in the log, and so is its cached total.
 */
class LoadViewsIT {
  private static final int UPDATES = 4000;
  private static final int KEYS = 40;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"postgresql", "mariadb"})
  void databaseHoldsExactlyTheLoggedDeltas(String database, @TempDir Path dir) throws Exception {
    String server = database.equals("postgresql") ? TestServers.postgresJdbcUrl() : TestServers.mariadbJdbcUrl();
    String ns = "lvit-" + UUID.randomUUID().toString().substring(0, 8);
    try (FreshDatabase db = FreshDatabase.on(server, "wb_lvit")) {
      run(ns, db.url(), dir);
    } finally {
      TestNamespaces.purge(TestServers.valkeyUrl(), ns);
    }
  }

  private void run(String ns, String databaseUrl, Path dir) throws Exception {
    Path ackLog = dir.resolve("acks.csv");
    Captured load = Captured.run("load", "--workload", "views", "--valkey-url", TestServers.valkeyUrl(), "--database-url",
        databaseUrl, "--namespace", ns, "--partitions", "4", "--updates", Integer.toString(UPDATES), "--writers", "6",
        "--keys", Integer.toString(KEYS), "--ack-log", ackLog.toString());
    assertThat(load.exitCode()).as(load.err()).isZero();
    assertThat(load.out()).contains(String.format("%,d increments of views of %d flights", UPDATES, KEYS));

    Map<Long, Long> sums = new HashMap<>();
    Map<Long, Long> highestTotal = new HashMap<>();
    List<String> lines = Files.readAllLines(ackLog);
    assertThat(lines).hasSize(UPDATES);
    for (String line : lines) {
      String[] f = line.split(",");
      long id = Long.parseLong(f[0]);
      assertThat(id).isBetween(1L, (long) KEYS);
      sums.merge(id, Long.parseLong(f[1]), Long::sum);
      highestTotal.merge(id, Long.parseLong(f[2]), Math::max);
    }
    // Each increment returned its flight's new total: the last of them is the flight's sum.
    assertThat(highestTotal).isEqualTo(sums);

    // Nothing drained yet: status shows every delta as unflushed in the counters' namespace.
    Captured status = Captured.run("status", "--namespace", ns, "--partitions", "4", "--valkey-url", TestServers.valkeyUrl());
    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(status.out()).contains(String.format(java.util.Locale.ROOT, "namespace %s: %,d unflushed", ns, UPDATES));

    Map<String, String> env = Map.of("VALKEY_URL", TestServers.valkeyUrl(), "DATABASE_URL", databaseUrl);
    List<String> args = List.of("worker", "--counters", "--namespace", ns, "--partitions", "4", "--quiet",
        "--batch-size", "50", "--lease-ttl-ms", "1000");
    try (ChildJvm first = ChildJvm.start(Main.class, args, env, dir.resolve("w1.log"))) {
      awaitOutput(first, "READY");
      assertThat(first.output()).contains("draining the counters of namespace '" + ns + "'");
      Thread.sleep(300);
      first.kill9();
    }
    try (HikariDataSource ds = DataSources.hikari(databaseUrl, 2, "lvit");
        Counters<Long> counters = CounterSession.counters(TestServers.valkeyUrl(), ds, ns, 4, Duration.ofSeconds(10))) {
      try (ChildJvm second = ChildJvm.start(Main.class, args, env, dir.resolve("w2.log"))) {
        awaitOutput(second, "READY");
        counters.flush(Duration.ofSeconds(120));
        second.sigterm();
        assertThat(second.waitFor(Duration.ofSeconds(30))).as(second.output()).isZero();
      }
      Map<Long, Long> inDatabase = FlightStats.views(ds, sums.keySet());
      assertThat(inDatabase).isEqualTo(new java.util.TreeMap<>(sums));
      for (Map.Entry<Long, Long> e : sums.entrySet()) {
        assertThat(counters.get(e.getKey()).get(FlightStats.VIEWS)).as("cached views of %d", e.getKey()).isEqualTo(e.getValue());
      }
      Captured clean = Captured.run("check", "--namespace", ns, "--partitions", "4", "--valkey-url", TestServers.valkeyUrl(),
          "--database-url", databaseUrl);
      assertThat(clean.exitCode()).as(clean.err()).isZero();
      assertThat(clean.out()).contains("equals the database plus its pending deltas");
      // A hand edit behind the engine's back: check names the counter.
      long flight = sums.keySet().iterator().next();
      try (java.sql.Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement()) {
        st.executeUpdate("UPDATE flight_stats SET views = views + 5 WHERE flight_id = " + flight);
      }
      Captured drift = Captured.run("check", "--namespace", ns, "--partitions", "4", "--valkey-url", TestServers.valkeyUrl(),
          "--database-url", databaseUrl);
      assertThat(drift.exitCode()).as(drift.err()).isEqualTo(1);
      assertThat(drift.out()).contains(String.format(java.util.Locale.ROOT, "flight %d views: cache %,d, database %,d",
          flight, sums.get(flight), sums.get(flight) + 5)).contains("1 counter field(s)");

      // A namespace nothing wrote to is a typo, not a clean check.
      Captured typo = Captured.run("check", "--namespace", ns + "-typo", "--partitions", "4", "--valkey-url",
          TestServers.valkeyUrl(), "--database-url", databaseUrl);
      assertThat(typo.exitCode()).as(typo.out()).isEqualTo(2);
      assertThat(typo.err()).contains("unknown namespace '" + ns + "-typo'").doesNotContain("Exception");
      // The events' worker on the counters' namespace: named as another kind, no purge advised.
      Captured kind = Captured.run("load", "--workload", "events", "--updates", "1", "--namespace", ns, "--partitions", "4",
          "--valkey-url", TestServers.valkeyUrl(), "--database-url", databaseUrl);
      assertThat(kind.exitCode()).as(kind.out()).isEqualTo(2);
      assertThat(kind.err()).contains("holds counters, not events").doesNotContain("purge");
    }
  }

  private static void awaitOutput(ChildJvm child, String text) throws Exception {
    long deadline = System.currentTimeMillis() + 90_000;
    while (System.currentTimeMillis() < deadline) {
      if (child.output().contains(text)) {
        return;
      }
      if (!child.isAlive()) {
        throw new AssertionError("worker exited early:\n" + child.output());
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no " + text + ":\n" + child.output());
  }
}
