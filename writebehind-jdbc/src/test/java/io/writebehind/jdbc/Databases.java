package io.writebehind.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.writebehind.testkit.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** One pool per dialect for the integration tests, and helpers to look at a table. */
final class Databases {
  private static final Map<Dialect, HikariDataSource> POOLS = new EnumMap<>(Dialect.class);

  private Databases() {}

  static synchronized HikariDataSource pool(Dialect d) {
    return POOLS.computeIfAbsent(d, k -> DataSources.hikari(url(k), 6, "it-" + k.name().toLowerCase()));
  }

  static String url(Dialect d) {
    return switch (d) {
      case POSTGRESQL -> TestServers.postgresJdbcUrl();
      case MARIADB -> TestServers.mariadbJdbcUrl();
      case H2 -> "jdbc:h2:mem:wbjdbcit;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=2000";
    };
  }

  /** A table name no other test (or earlier run) uses. */
  static String freshTable() {
    return "wbit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  static void createKeyValue(Dialect d, String table, String payloadType) throws SQLException {
    exec(d, "CREATE TABLE " + Identifiers.quote(d, table) + " ("
        + Identifiers.quote(d, "id") + " BIGINT PRIMARY KEY, "
        + Identifiers.quote(d, "payload") + " " + payloadType + ", "
        + Identifiers.quote(d, "wb_version") + " BIGINT NOT NULL)");
  }

  static void drop(Dialect d, String table) throws SQLException {
    exec(d, "DROP TABLE IF EXISTS " + Identifiers.quote(d, table));
    try (Connection c = pool(d).getConnection();
        var ps = c.prepareStatement("DELETE FROM " + Identifiers.quote(d, "wb_tombstone")
            + " WHERE " + Identifiers.quote(d, "tbl") + " = ?")) {
      ps.setString(1, table);
      ps.executeUpdate();
    }
  }

  static void exec(Dialect d, String sql) throws SQLException {
    try (Connection c = pool(d).getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  record Row(String payload, long version) {}

  static Map<Long, Row> rows(Dialect d, String table) throws SQLException {
    Map<Long, Row> rows = new HashMap<>();
    try (Connection c = pool(d).getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + Identifiers.quote(d, "id") + ", "
            + Identifiers.quote(d, "payload") + ", " + Identifiers.quote(d, "wb_version")
            + " FROM " + Identifiers.quote(d, table))) {
      while (rs.next()) {
        rows.put(rs.getLong(1), new Row(rs.getString(2), rs.getLong(3)));
      }
    }
    return rows;
  }

  static Map<String, Long> tombstones(Dialect d, String table) throws SQLException {
    Map<String, Long> out = new HashMap<>();
    try (Connection c = pool(d).getConnection();
        var ps = c.prepareStatement("SELECT " + Identifiers.quote(d, "k") + ", "
            + Identifiers.quote(d, "version") + " FROM " + Identifiers.quote(d, "wb_tombstone")
            + " WHERE " + Identifiers.quote(d, "tbl") + " = ?")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return out;
  }

  static synchronized void closeAll() {
    POOLS.values().forEach(HikariDataSource::close);
    POOLS.clear();
  }
}
