package io.writebehind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.writebehind.Events;
import io.writebehind.flights.FlightEvents;
import io.writebehind.flights.FlightReport;
import io.writebehind.jdbc.DataSources;
import io.writebehind.jdbc.Dialect;
import io.writebehind.testkit.ChildJvm;
import io.writebehind.testkit.FreshDatabase;
import io.writebehind.testkit.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command-line contract of {@code load --workload events}: three load processes append at
 * once, each logging {@code event_id,flight_id} per acknowledged append; a {@code worker
 * --events} process is killed with kill -9 mid-drain and another finishes. Then flight_event
 * holds exactly one row per line of the logs, with the logs' ids and flights, and nothing else.
 */
class LoadEventsIT {
  private static final int PRODUCERS = 3;
  private static final int UPDATES = 1500;
  private static final int KEYS = 30;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"postgresql", "mariadb"})
  void databaseHoldsOneRowPerLoggedEvent(String database, @TempDir Path dir) throws Exception {
    String server = database.equals("postgresql") ? TestServers.postgresJdbcUrl() : TestServers.mariadbJdbcUrl();
    String ns = "leit-" + UUID.randomUUID().toString().substring(0, 8);
    try (FreshDatabase db = FreshDatabase.on(server, "wb_leit")) {
      run(ns, db.url(), dir);
    } finally {
      TestNamespaces.purge(TestServers.valkeyUrl(), ns);
    }
  }

  private void run(String ns, String databaseUrl, Path dir) throws Exception {
    Map<String, String> env = Map.of("VALKEY_URL", TestServers.valkeyUrl(), "DATABASE_URL", databaseUrl);
    List<String> workerArgs = List.of("worker", "--events", "--namespace", ns, "--partitions", "4", "--quiet",
        "--batch-size", "50", "--lease-ttl-ms", "1000");
    try (HikariDataSource ds = DataSources.hikari(databaseUrl, 2, "leit")) {
      List<Path> logs = new ArrayList<>();
      // The first worker migrates the schema before the producers start: they then find it current.
      try (ChildJvm first = ChildJvm.start(Main.class, workerArgs, env, dir.resolve("w1.log"))) {
        awaitOutput(first, "READY");
        assertThat(first.output()).contains("draining the events of namespace '" + ns + "'");
        List<ChildJvm> producers = new ArrayList<>();
        try {
          for (int p = 0; p < PRODUCERS; p++) {
            Path log = dir.resolve("acks-" + p + ".csv");
            logs.add(log);
            producers.add(ChildJvm.start(Main.class, List.of("load", "--workload", "events", "--namespace", ns,
                "--partitions", "4", "--updates", Integer.toString(UPDATES), "--writers", "4", "--keys",
                Integer.toString(KEYS), "--ack-log", log.toString()), env, dir.resolve("load-" + p + ".log")));
          }
          // Killed once it has stored some and while the producers still append.
          long deadline = System.currentTimeMillis() + 90_000;
          while (FlightEvents.rows(ds) == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
          }
          first.kill9();
          for (ChildJvm p : producers) {
            assertThat(p.waitFor(Duration.ofSeconds(120))).as(p.output()).isZero();
            assertThat(p.output()).contains(String.format(Locale.ROOT, "%,d position reports of %d flights", UPDATES, KEYS));
          }
        } finally {
          producers.forEach(ChildJvm::close);
        }
      }

      Map<Long, Long> logged = new HashMap<>();
      for (Path log : logs) {
        for (String line : Files.readAllLines(log)) {
          String[] f = line.split(",");
          assertThat(logged.put(Long.parseLong(f[0]), Long.parseLong(f[1]))).as("event id %s logged twice", f[0]).isNull();
          assertThat(Long.parseLong(f[1])).isBetween(1L, (long) KEYS);
        }
      }
      assertThat(logged).hasSize(PRODUCERS * UPDATES);

      // What the killed worker left: status reads the events' namespace like any other.
      long stored = FlightEvents.rows(ds);
      Captured status = Captured.run("status", "--namespace", ns, "--partitions", "4", "--valkey-url", TestServers.valkeyUrl());
      assertThat(status.exitCode()).as(status.err()).isZero();
      Matcher m = Pattern.compile("namespace " + Pattern.quote(ns) + ": ([\\d,]+) unflushed").matcher(status.out());
      assertThat(m.find()).as(status.out()).isTrue();
      assertThat(Long.parseLong(m.group(1).replace(",", ""))).isBetween(logged.size() - stored, (long) logged.size());

      try (Events<Long, FlightReport> events = EventSession.events(TestServers.valkeyUrl(), ds, Dialect.fromJdbcUrl(databaseUrl),
          ns, 4, Duration.ofSeconds(10))) {
        try (ChildJvm second = ChildJvm.start(Main.class, workerArgs, env, dir.resolve("w2.log"))) {
          awaitOutput(second, "READY");
          events.flush(Duration.ofSeconds(120));
          second.sigterm();
          assertThat(second.waitFor(Duration.ofSeconds(30))).as(second.output()).isZero();
        }
        for (long flight : new java.util.TreeSet<>(logged.values())) {
          assertThat(events.latest(flight)).as("latest report of flight %d", flight).isPresent();
        }
      }

      Map<Long, Long> inDatabase = new HashMap<>();
      List<Long> doubled = new ArrayList<>();
      try (Connection c = ds.getConnection(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT event_id, flight_id FROM flight_event")) {
        while (rs.next()) {
          if (inDatabase.put(rs.getLong(1), rs.getLong(2)) != null) {
            doubled.add(rs.getLong(1));
          }
        }
      }
      assertThat(doubled).as("event ids stored twice").isEmpty();
      assertThat(inDatabase).as("flight_event against the ack logs").isEqualTo(logged);
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
