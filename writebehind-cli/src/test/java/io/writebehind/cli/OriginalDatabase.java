package io.writebehind.cli;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.writebehind.testkit.FreshDatabase;
import io.writebehind.testkit.TestServers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A database of its own loaded from the test copy of the original workshop's schema
 * (resources original/), with a namespace and a queue key of its own; all removed on close,
 * with the original's flight:<id> keys of its flights.
 */
final class OriginalDatabase implements AutoCloseable {
  static final List<String> TABLES = List.of("airport", "airline", "airplane_type", "airplane", "flightschedule",
      "flight", "flight_log", "passenger", "booking");
  static final long FIRST_FLIGHT = 113;
  static final long LAST_FLIGHT = 120;

  final String url;
  final boolean mariadb;
  final String namespace;
  final String queue;
  private final FreshDatabase database;

  private OriginalDatabase(String serverUrl, boolean mariadb) throws Exception {
    this.database = FreshDatabase.on(serverUrl, "wb_adopt");
    this.url = database.url();
    this.mariadb = mariadb;
    String suffix = database.name().substring(database.name().lastIndexOf('_') + 1);
    this.namespace = "adopt-it-" + suffix;
    this.queue = "adopt-it-" + suffix + ":flight_updates_queue";
    exec(resource(mariadb ? "mariadb.sql" : "postgresql.sql"));
    String rows = resource("rows.sql");
    exec(mariadb ? rows.replace('"', '`') : rows);
  }

  static OriginalDatabase create(String dialect) throws Exception {
    return dialect.equals("mariadb") ? new OriginalDatabase(TestServers.mariadbJdbcUrl(), true)
        : new OriginalDatabase(TestServers.postgresJdbcUrl(), false);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = OriginalDatabase.class.getResourceAsStream("/original/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Runs statements separated by ";" at a line's end; "--" lines are comments. */
  void exec(String script) throws SQLException {
    StringBuilder sql = new StringBuilder();
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      for (String line : script.split("\n")) {
        if (line.strip().startsWith("--")) {
          continue;
        }
        sql.append(line).append('\n');
        if (line.strip().endsWith(";")) {
          st.execute(sql.toString().strip().replaceAll(";$", ""));
          sql.setLength(0);
        }
      }
    }
  }

  /** Every row of the original's tables and columns, as text in a fixed order: wb_version is ours. */
  Map<String, List<String>> rows() throws SQLException {
    Map<String, List<String>> all = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      for (String table : TABLES) {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
          ResultSetMetaData md = rs.getMetaData();
          while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= md.getColumnCount(); i++) {
              if (!md.getColumnLabel(i).equalsIgnoreCase("wb_version")) {
                row.append(md.getColumnLabel(i)).append('=').append(rs.getString(i)).append(' ');
              }
            }
            rows.add(row.toString());
          }
        }
        rows.sort(null);
        all.put(table, rows);
      }
    }
    return all;
  }

  LocalDateTime[] times(long flightId) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement ps = c.prepareStatement("SELECT departure, arrival FROM flight WHERE flight_id = ?")) {
      ps.setLong(1, flightId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new LocalDateTime[] {rs.getObject(1, LocalDateTime.class), rs.getObject(2, LocalDateTime.class)};
      }
    }
  }

  long count(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public void close() throws SQLException {
    TestNamespaces.purge(TestServers.valkeyUrl(), namespace);
    RedisClient client = RedisClient.create(TestServers.valkeyUrl());
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      c.sync().del(queue);
      for (long id = FIRST_FLIGHT; id <= LAST_FLIGHT; id++) {
        c.sync().del("flight:" + id);
      }
    } finally {
      client.shutdown();
    }
    database.close();
  }
}
