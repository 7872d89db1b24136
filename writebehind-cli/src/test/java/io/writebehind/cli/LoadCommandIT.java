package io.writebehind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.writebehind.WriteBehind;
import io.writebehind.flights.Flight;
import io.writebehind.flights.FlightCodec;
import io.writebehind.testkit.FreshDatabase;
import io.writebehind.testkit.TestServers;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code writebehind load} against servers that go away mid-run: the database after the
 * warm-up (its writes need Valkey only, so it finishes with all of them acknowledged), and
 * Valkey (it counts the failures and stops with a summary, no stack trace). Neither touches
 * the demo's flight.
 */
class LoadCommandIT {
  private static final Pattern HOST_PORT = Pattern.compile("^(jdbc:[a-z]+://)([^/:?]+):(\\d+)(/.*)$");

  @Test
  void keepsWritingWhenTheDatabaseGoesAwayAfterWarmUp(@TempDir Path dir) throws Exception {
    String ns = "load-db-" + UUID.randomUUID().toString().substring(0, 8);
    Matcher m = HOST_PORT.matcher(TestServers.postgresJdbcUrl());
    assertThat(m.matches()).as(TestServers.postgresJdbcUrl()).isTrue();
    try (FreshDatabase db = FreshDatabase.on(TestServers.postgresJdbcUrl(), "wb_load_out");
        TcpProxy proxy = TcpProxy.to(m.group(2), Integer.parseInt(m.group(3)));
        WriteBehind<Long, Flight> watcher = engine(TestServers.valkeyUrl(), ns)) {
      assertThat(Captured.run("init", "--flights", "3000", "--valkey-url", TestServers.valkeyUrl(),
          "--database-url", db.url(), "--namespace", ns).exitCode()).isZero();
      String viaProxy = db.url().replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/");
      String before = times(db.url(), 115);
      // The database goes away as soon as the first write is journaled.
      Thread cutter = cutWhen(proxy, () -> watcher.admin().status().journalLength() > 0);
      Path acks = dir.resolve("acks.csv");
      Captured r = Captured.run("load", "--updates", "20000", "--keys", "3000", "--writers", "4",
          "--ack-log", acks.toString(), "--valkey-url", TestServers.valkeyUrl(), "--database-url", viaProxy, "--namespace", ns);
      cutter.join(5000);
      assertThat(proxy.isCut()).as("the database went away during the load").isTrue();
      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(r.out()).contains("20,000 updates of 2,999 flights", "20,000 acknowledged, 0 failed");
      assertThat(r.out() + r.err()).doesNotContain("Exception", "\tat ");
      List<String> lines = Files.readAllLines(acks);
      assertThat(lines).hasSize(20_000);
      assertThat(lines).as("the demo's flight is left alone").noneMatch(l -> l.startsWith("115,"));
      assertThat(watcher.getIfPresent(115L)).as("flight 115 was not written to the cache").isEmpty();
      assertThat(times(db.url(), 115)).isEqualTo(before).isEqualTo("2025-10-01T11:19|2025-10-01T15:03");
    } finally {
      TestNamespaces.purge(TestServers.valkeyUrl(), ns);
    }
  }

  @Test
  void countsFailuresAndStopsWhenValkeyGoesAway(@TempDir Path dir) throws Exception {
    String ns = "load-vk-" + UUID.randomUUID().toString().substring(0, 8);
    URI valkey = URI.create(TestServers.valkeyUrl());
    try (FreshDatabase db = FreshDatabase.on(TestServers.postgresJdbcUrl(), "wb_load_vk");
        TcpProxy proxy = TcpProxy.to(valkey.getHost(), valkey.getPort());
        WriteBehind<Long, Flight> watcher = engine(TestServers.valkeyUrl(), ns)) {
      String viaProxy = new URI(valkey.getScheme(), valkey.getUserInfo(), "127.0.0.1", proxy.port(),
          valkey.getPath(), valkey.getQuery(), null).toString();
      AtomicLong journaled = new AtomicLong();
      Thread cutter = cutWhen(proxy, () -> {
        journaled.set(watcher.admin().status().journalLength());
        return journaled.get() >= 200;
      });
      Path acks = dir.resolve("acks.csv");
      Captured r = Captured.run("load", "--updates", "1000000", "--keys", "200", "--writers", "2", "--give-up-after", "2",
          "--ack-log", acks.toString(), "--valkey-url", viaProxy, "--database-url", db.url(), "--namespace", ns);
      cutter.join(5000);
      assertThat(proxy.isCut()).isTrue();
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(CliException.FAILED);
      assertThat(r.out() + r.err()).doesNotContain("\tat ");
      long acked = Files.readAllLines(acks).size();
      assertThat(acked).isGreaterThanOrEqualTo(200);
      assertThat(r.out()).containsPattern(String.format("%,d acknowledged, [1-9][0-9]* failed", acked))
          .contains("first failure: ", "stopped early: no write acknowledged for 2 s");
    } finally {
      TestNamespaces.purge(TestServers.valkeyUrl(), ns);
    }
  }

  private static WriteBehind<Long, Flight> engine(String valkeyUrl, String ns) {
    return WriteBehind.builder(new FlightCodec()).valkeyUrl(valkeyUrl).namespace(ns).partitions(16).build();
  }

  private static Thread cutWhen(TcpProxy proxy, BooleanSupplier condition) {
    Thread t = new Thread(() -> {
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (System.nanoTime() < deadline) {
        try {
          if (condition.getAsBoolean()) {
            proxy.cut();
            return;
          }
          Thread.sleep(1);
        } catch (Exception e) {
          return;
        }
      }
    }, "cutter");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static String times(String url, long id) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement ps = c.prepareStatement("SELECT departure, arrival FROM flight WHERE flight_id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getObject(1, java.time.LocalDateTime.class) + "|" + rs.getObject(2, java.time.LocalDateTime.class);
      }
    }
  }
}
