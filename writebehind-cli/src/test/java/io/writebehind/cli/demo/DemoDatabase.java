package io.writebehind.cli.demo;

import io.writebehind.cli.TestNamespaces;
import io.writebehind.testkit.FreshDatabase;
import io.writebehind.testkit.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;

/** A database and a namespace of its own for one demo test (wb_demo_<random>), both removed on close. */
final class DemoDatabase implements AutoCloseable {
  final String url;
  final String namespace;
  private final FreshDatabase database;

  private DemoDatabase(String serverUrl) throws SQLException {
    this.database = FreshDatabase.on(serverUrl, "wb_demo");
    this.url = database.url();
    this.namespace = "demo-it-" + database.name().substring(database.name().lastIndexOf('_') + 1);
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
    TestNamespaces.purge(TestServers.valkeyUrl(), namespace);
    database.close();
  }
}
