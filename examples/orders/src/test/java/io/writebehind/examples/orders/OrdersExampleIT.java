package io.writebehind.examples.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.writebehind.WriteBehind;
import io.writebehind.jdbc.DataSources;
import io.writebehind.testkit.TestServers;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the example's main in a JVM of its own against the real servers, as a user would,
 * and checks that the rows landed. The servers are found as the library's own tests find
 * them (writebehind-testkit): VALKEY_URL, else Valkey on 6380, else one started for the
 * run; DATABASE_URL, else PG_JDBC_URL (what CI sets), else PostgreSQL on 5432 (database
 * {@code test}), else an embedded one.
 */
class OrdersExampleIT {
  private static final String VALKEY_URL = TestServers.valkeyUrl();
  private static final String DATABASE_URL = databaseUrl();

  /** What the example writes last to each order. */
  private static final Map<Long, Order> EXPECTED = Map.of(
      1001L, new Order("paid", 2_499),
      1002L, new Order("new", 10_000),
      1003L, new Order("gift: \"wrap it\"\nleave it at the door", 1_250));

  @TempDir Path dir;

  @Test
  void theOrdersLandInTheTable() throws Exception {
    try (HikariDataSource ds = DataSources.hikari(DATABASE_URL, 1, "orders-example-it")) {
      OrdersExample.createOrdersTable(ds);
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM orders WHERE id IN (1001, 1002, 1003)"); // so this run must write them
      }
      long before = System.currentTimeMillis();

      Run run = runExample(VALKEY_URL, DATABASE_URL);

      assertEquals(0, run.exit, run::toString);
      assertEquals("", run.stderr.strip(), run::toString);
      assertTrue(run.stdout.contains("OK        the 3 rows match what was written"), run::toString);
      assertTrue(run.stdout.contains("Read      order 1001 from the cache (not in the database yet)"), run::toString);
      assertTrue(run.stdout.contains("Purged"), run::toString);
      String password = passwordOf(DATABASE_URL);
      assertTrue(password.isEmpty() || !run.stdout.contains(password), "the report shows the password");
      for (Map.Entry<Long, Order> e : EXPECTED.entrySet()) {
        Row row = row(ds, e.getKey());
        assertNotNull(row, () -> "no row for order " + e.getKey() + "\n" + run);
        assertEquals(e.getValue(), row.order, () -> "order " + e.getKey() + "\n" + run);
        assertNotNull(row.version, () -> "order " + e.getKey() + " has no wb_version\n" + run);
        // the version is the Valkey server's clock when it took the write: this run's
        long written = WriteBehind.versionMillis(row.version);
        assertTrue(written >= before - 60_000, () -> "order " + e.getKey() + " version from " + written
            + " ms, the run began at " + before + " ms\n" + run);
      }
    }
  }

  @Test
  void aServerThatCannotBeReachedIsOneLineAndExitCodeOne() throws Exception {
    Run run = runExample("redis://127.0.0.1:1", DATABASE_URL);

    assertEquals(1, run.exit, run::toString);
    List<String> lines = run.stderr.strip().lines().toList();
    assertEquals(1, lines.size(), run::toString);
    assertTrue(lines.get(0).startsWith("orders example failed: "), run::toString);
  }

  private record Run(int exit, String stdout, String stderr) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }

  private Run runExample(String valkeyUrl, String databaseUrl) throws IOException, InterruptedException {
    File out = dir.resolve("stdout-" + System.nanoTime()).toFile();
    File err = dir.resolve("stderr-" + System.nanoTime()).toFile();
    ProcessBuilder pb = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        OrdersExample.class.getName());
    pb.environment().put("VALKEY_URL", valkeyUrl);
    pb.environment().put("DATABASE_URL", databaseUrl);
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.redirectOutput(out).redirectError(err);
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("the example ran for more than 120 s\n" + Files.readString(out.toPath())
          + Files.readString(err.toPath()));
    }
    return new Run(p.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
  }

  private record Row(Order order, Long version) {}

  private static Row row(HikariDataSource ds, long id) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT status, total_cents, wb_version FROM orders WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        long version = rs.getLong(3);
        return new Row(new Order(rs.getString(1), rs.getLong(2)), rs.wasNull() ? null : version);
      }
    }
  }

  private static String databaseUrl() {
    String url = Urls.env("DATABASE_URL", "");
    return url.isEmpty() ? TestServers.postgresJdbcUrl() : url;
  }

  private static String passwordOf(String url) {
    int i = url.toLowerCase().indexOf("password=");
    if (i < 0) {
      return "";
    }
    int end = url.indexOf('&', i);
    return url.substring(i + "password=".length(), end < 0 ? url.length() : end);
  }
}
