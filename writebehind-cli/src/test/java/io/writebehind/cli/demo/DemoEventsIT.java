package io.writebehind.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.writebehind.cli.TestNamespaces;
import io.writebehind.testkit.FreshDatabase;
import io.writebehind.testkit.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code demo events} on real servers: a worker process killed with kill -9 mid-run, and
 * still each acknowledged report is one row of flight_event, and the cached latest report of
 * each flight shown is its newest row.
 */
class DemoEventsIT {
  private static final Pattern COUNT = Pattern.compile("([\\d,]+) acknowledged, ([\\d,]+) rows with their ids: 0 missing, 0 doubled");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"postgresql", "mariadb"})
  void acknowledgedEqualsRows(String database) throws Exception {
    String server = database.equals("postgresql") ? TestServers.postgresJdbcUrl() : TestServers.mariadbJdbcUrl();
    try (FreshDatabase db = FreshDatabase.on(server, "wb_demo_events")) {
      String ns = "demo-events-" + db.name().substring(db.name().lastIndexOf('_') + 1);
      try {
        CliRun run = CliRun.run("demo", "events", "--valkey-url", TestServers.valkeyUrl(), "--database-url", db.url(),
            "--namespace", ns, "--partitions", "4", "--seconds", "3", "--flights", "100");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        String out = run.out();
        assertThat(out).as("piped output is plain ASCII").matches("\\p{ASCII}*");
        assertThat(out.lines().filter(l -> !l.contains("://"))).as("fits 80 columns, but for the servers' URLs")
            .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
        assertThat(out).contains("kill -9 of worker", "Database caught up", "Each is its flight's newest row in flight_event");

        Matcher m = COUNT.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        long acknowledged = number(m.group(1));
        assertThat(acknowledged).isPositive();
        assertThat(number(m.group(2))).isEqualTo(acknowledged);
        try (Connection c = DriverManager.getConnection(db.url());
            ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*), COUNT(DISTINCT event_id) FROM flight_event")) {
          rs.next();
          assertThat(rs.getLong(1)).as("rows").isEqualTo(acknowledged);
          assertThat(rs.getLong(2)).as("distinct ids").isEqualTo(acknowledged);
        }
      } finally {
        TestNamespaces.purge(TestServers.valkeyUrl(), ns);
      }
    }
  }

  @org.junit.jupiter.api.Test
  void h2IsRefusedInOneLine() throws Exception {
    CliRun run = CliRun.run("demo", "events", "--valkey-url", TestServers.valkeyUrl(), "--database-url",
        "jdbc:h2:mem:demo_events;DB_CLOSE_DELAY=-1", "--seconds", "1");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err().strip()).doesNotContain("\n").contains("events need PostgreSQL or MariaDB/MySQL");
  }

  private static long number(String s) {
    return Long.parseLong(s.replace(",", ""));
  }
}
