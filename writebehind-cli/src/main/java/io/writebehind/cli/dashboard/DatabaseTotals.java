package io.writebehind.cli.dashboard;

import io.writebehind.cli.ServerUrls;
import io.writebehind.flights.FlightStats;
import io.writebehind.flights.FlightsSchema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The database's side of the flights' counters: the totals of the {@value FlightsSchema#STATS_TABLE}
 * table, to set against the cache's. Optional by design: the page reads Valkey, and a database
 * that is down, slow or not given only leaves this part of it saying so. Read on the
 * dashboard's own thread for it, so a database that hangs never holds the rest up.
 */
final class DatabaseTotals {
  /** Opens a connection; {@link #direct} for a URL, a pool's {@code getConnection} in a worker. */
  interface Connector {
    Connection open() throws SQLException;
  }

  private final Connector connector;
  private final String describedAs;

  DatabaseTotals(Connector connector, String describedAs) {
    this.connector = connector;
    this.describedAs = describedAs;
  }

  /** A connection per read with short timeouts: the page must not wait on a database that hangs. */
  static DatabaseTotals direct(String jdbcUrl) {
    Properties p = new Properties();
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      p.setProperty("connectTimeout", "3");
      p.setProperty("socketTimeout", "5");
    } else if (jdbcUrl.startsWith("jdbc:mariadb:") || jdbcUrl.startsWith("jdbc:mysql:")) {
      p.setProperty("connectTimeout", "3000");
      p.setProperty("socketTimeout", "5000");
    }
    return new DatabaseTotals(() -> DriverManager.getConnection(jdbcUrl, p), ServerUrls.redact(jdbcUrl));
  }

  /** {@code {table, rows, totals: {views, bookings}}}, or {@code {error}} in one line, never a password. */
  Map<String, Object> read() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("database", describedAs);
    out.put("table", FlightsSchema.STATS_TABLE);
    try (Connection c = connector.open(); Statement st = c.createStatement()) {
      st.setQueryTimeout(5);
      try (ResultSet rs = st.executeQuery("SELECT COUNT(*), COALESCE(SUM(" + FlightStats.VIEWS + "), 0), COALESCE(SUM("
          + FlightStats.BOOKINGS + "), 0) FROM " + FlightsSchema.STATS_TABLE)) {
        rs.next();
        out.put("rows", rs.getLong(1));
        Map<String, Long> totals = new LinkedHashMap<>();
        totals.put(FlightStats.BOOKINGS, rs.getLong(3));
        totals.put(FlightStats.VIEWS, rs.getLong(2));
        out.put("totals", totals);
      }
    } catch (SQLException | RuntimeException e) {
      String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
      out.put("error", ServerUrls.scrub(m));
    }
    return out;
  }
}
