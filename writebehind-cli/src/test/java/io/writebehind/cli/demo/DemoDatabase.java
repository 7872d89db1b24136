package io.writebehind.cli.demo;

import io.writebehind.testkit.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A database of its own for one demo test (wb_demo_<random>), dropped on close. */
final class DemoDatabase implements AutoCloseable {
  private static final Pattern DB_IN_URL = Pattern.compile("^(jdbc:[a-z]+://[^/?]+/)([^?;]*)(.*)$");

  final String url;
  final String namespace;
  private final String serverUrl;
  private final String name;
  private final boolean postgres;

  private DemoDatabase(String serverUrl) throws SQLException {
    this.serverUrl = serverUrl;
    this.postgres = serverUrl.startsWith("jdbc:postgresql:");
    String random = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    this.name = "wb_demo_" + random;
    this.namespace = "demo-it-" + random;
    Matcher m = DB_IN_URL.matcher(serverUrl);
    if (!m.matches()) {
      throw new IllegalArgumentException("cannot find the database name in " + serverUrl);
    }
    this.url = m.group(1) + name + m.group(3);
    exec(serverUrl, "CREATE DATABASE " + name);
  }

  static DemoDatabase postgres() throws SQLException {
    return new DemoDatabase(TestServers.postgresJdbcUrl());
  }

  static DemoDatabase mariadb() throws SQLException {
    return new DemoDatabase(TestServers.mariadbJdbcUrl());
  }

  /** departure and arrival of a flight. */
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

  String text(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Override
  public void close() throws SQLException {
    exec(serverUrl, postgres ? "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)" : "DROP DATABASE IF EXISTS " + name);
  }

  private static void exec(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
