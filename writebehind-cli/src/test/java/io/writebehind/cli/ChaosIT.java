package io.writebehind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.writebehind.testkit.FreshDatabase;
import io.writebehind.testkit.TestServers;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Promises 2 and 3 under {@code writebehind chaos}: worker processes killed with kill -9 and
 * the database connections cut while writers write; nothing acknowledged may be missing
 * and no database version may go back. Runs in a database of its own, so the connection
 * cuts and the flight updates touch nobody else.
 */
class ChaosIT {
  @Test
  void shortChaosRunLosesNothing() throws Exception {
    try (FreshDatabase db = FreshDatabase.on(TestServers.postgresJdbcUrl(), "wb_chaos")) {
      Captured r = Captured.run("chaos", "--duration", "20s", "--workers", "3", "--writers", "4", "--keys", "100",
          "--rate", "400", "--kill-every", "3s", "--cut-every", "4s", "--lease-ttl-ms", "1000", "--seed", "42",
          "--valkey-url", TestServers.valkeyUrl(), "--database-url", db.url());
      assertThat(r.out()).contains("lost=0 regressions=0");
      assertThat(r.exitCode()).isZero();
      assertThat(number(r.out(), "acknowledged=(\\d+)")).isGreaterThan(100);
      assertThat(number(r.out(), "(\\d+) worker kills")).as("workers were killed").isGreaterThanOrEqualTo(2);
      assertThat(number(r.out(), "\\((\\d+) connections\\)")).as("connections were cut").isGreaterThanOrEqualTo(1);
    }
  }

  /** Like load, chaos leaves the demo's flight alone, so the walkthrough keeps the document's times. */
  @Test
  void shortChaosRunLeavesTheDemoFlightAlone() throws Exception {
    try (FreshDatabase db = FreshDatabase.on(TestServers.postgresJdbcUrl(), "wb_chaos")) {
      Captured r = Captured.run("chaos", "--duration", "3s", "--workers", "1", "--writers", "2", "--keys", "200",
          "--rate", "400", "--kill-every", "0", "--cut-every", "0", "--seed", "42",
          "--valkey-url", TestServers.valkeyUrl(), "--database-url", db.url());
      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(number(r.out(), "acknowledged=(\\d+)")).isGreaterThan(400);
      try (java.sql.Connection c = java.sql.DriverManager.getConnection(db.url());
          java.sql.ResultSet rs = c.createStatement().executeQuery(
              "SELECT departure, arrival, wb_version FROM flight WHERE flight_id = 115")) {
        assertThat(rs.next()).isTrue();
        var demo = io.writebehind.flights.FlightsGenerator.demoFlight();
        assertThat(rs.getObject(1, java.time.LocalDateTime.class)).isEqualTo(demo.departure());
        assertThat(rs.getObject(2, java.time.LocalDateTime.class)).isEqualTo(demo.arrival());
        assertThat(rs.getLong(3)).as("flight 115's version").isZero();
      }
    }
  }

  /**
   * The views workload under the same fault plan: each flight's flight_stats.views gains
   * exactly its acknowledged increments, none lost, none counted twice.
   */
  @Test
  void shortViewsChaosRunCountsEachIncrementOnce() throws Exception {
    try (FreshDatabase db = FreshDatabase.on(TestServers.postgresJdbcUrl(), "wb_chaos")) {
      Captured r = Captured.run("chaos", "--workload", "views", "--duration", "10s", "--workers", "3", "--writers", "4",
          "--keys", "50", "--rate", "400", "--kill-every", "2s", "--cut-every", "3s", "--lease-ttl-ms", "1000", "--seed", "42",
          "--valkey-url", TestServers.valkeyUrl(), "--database-url", db.url());
      assertThat(r.out()).contains("lost=0 double_applied=0");
      assertThat(r.exitCode()).isZero();
      assertThat(number(r.out(), "acknowledged=(\\d+)")).isGreaterThan(100);
      assertThat(number(r.out(), "(\\d+) worker kills")).as("workers were killed").isGreaterThanOrEqualTo(2);
      assertThat(number(r.out(), "\\((\\d+) connections\\)")).as("connections were cut").isGreaterThanOrEqualTo(1);
      try (java.sql.Connection c = java.sql.DriverManager.getConnection(db.url());
          java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT COALESCE(SUM(views), 0) FROM flight_stats")) {
        rs.next();
        long inDoubtCounted = number(r.out(), "in doubt; ([\\d,]+) of them counted");
        assertThat(rs.getLong(1)).as("the database's views").isEqualTo(number(r.out(), "acknowledged=(\\d+)") + inDoubtCounted);
      }
    }
  }

  /**
   * The events workload under the same fault plan: flight_event holds each acknowledged
   * report once; appends that failed in doubt may land, and are counted apart.
   */
  @Test
  void shortEventsChaosRunStoresEachEventOnce() throws Exception {
    try (FreshDatabase db = FreshDatabase.on(TestServers.postgresJdbcUrl(), "wb_chaos")) {
      Captured r = Captured.run("chaos", "--workload", "events", "--duration", "10s", "--workers", "3", "--writers", "4",
          "--keys", "50", "--rate", "400", "--kill-every", "2s", "--cut-every", "3s", "--lease-ttl-ms", "1000", "--seed", "42",
          "--valkey-url", TestServers.valkeyUrl(), "--database-url", db.url());
      assertThat(r.out()).contains("lost=0 duplicated=0");
      assertThat(r.exitCode()).isZero();
      long acknowledged = number(r.out(), "acknowledged=(\\d+)");
      assertThat(acknowledged).isGreaterThan(100);
      assertThat(number(r.out(), "(\\d+) worker kills")).as("workers were killed").isGreaterThanOrEqualTo(2);
      assertThat(number(r.out(), "\\((\\d+) connections\\)")).as("connections were cut").isGreaterThanOrEqualTo(1);
      try (java.sql.Connection c = java.sql.DriverManager.getConnection(db.url());
          java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*), COUNT(DISTINCT event_id) FROM flight_event")) {
        rs.next();
        long landed = number(r.out(), "in_doubt_landed=(\\d+)");
        assertThat(rs.getLong(1)).as("rows").isEqualTo(acknowledged + landed);
        assertThat(rs.getLong(2)).as("distinct event ids").isEqualTo(rs.getLong(1));
      }
    }
  }

  private static long number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("%s in:%n%s", regex, text).isTrue();
    return Long.parseLong(m.group(1).replace(",", ""));
  }
}
