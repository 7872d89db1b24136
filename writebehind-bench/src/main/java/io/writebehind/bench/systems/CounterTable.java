package io.writebehind.bench.systems;

import io.writebehind.bench.Fixture;
import io.writebehind.jdbc.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The counters' table of one system: {@code (id BIGINT PRIMARY KEY, n BIGINT)}. */
final class CounterTable {
  /** Counters are hot keys: every writer adds to the same ten thousand. */
  static final long KEYS = 10_000;

  private CounterTable() {}

  static String create(Fixture fixture, String system) throws SQLException {
    String table = "ct_" + system.replaceAll("[^A-Za-z0-9]", "_");
    try (Connection c = fixture.admin().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS " + table + " (id BIGINT PRIMARY KEY, n BIGINT NOT NULL DEFAULT 0)");
    }
    return table;
  }

  /** The bare statement: add to n, or create the row. */
  static String addSql(Dialect dialect, String table) {
    String insert = "INSERT INTO " + table + " (id, n) VALUES (?, ?)";
    return dialect == Dialect.MARIADB ? insert + " ON DUPLICATE KEY UPDATE n = n + VALUES(n)"
        : insert + " ON CONFLICT (id) DO UPDATE SET n = " + table + ".n + EXCLUDED.n";
  }

  /** What a peer's writer runs: store the cached total it was handed, or create the row. */
  static String setSql(Dialect dialect, String table) {
    String insert = "INSERT INTO " + table + " (id, n) VALUES (?, ?)";
    return dialect == Dialect.MARIADB ? insert + " ON DUPLICATE KEY UPDATE n = VALUES(n)"
        : insert + " ON CONFLICT (id) DO UPDATE SET n = EXCLUDED.n";
  }
}
