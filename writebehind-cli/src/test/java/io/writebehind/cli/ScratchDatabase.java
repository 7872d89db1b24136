package io.writebehind.cli;

import io.writebehind.testkit.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL database of its own on the test server: commands that load the flights
 * tables, or cut every connection of "their" database, then touch nobody else's.
 */
final class ScratchDatabase implements AutoCloseable {
  private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(.*)");

  final String name;
  final String jdbcUrl;
  private final String adminUrl;

  ScratchDatabase(String prefix) throws Exception {
    this.adminUrl = TestServers.postgresJdbcUrl();
    Matcher m = URL.matcher(adminUrl);
    if (!m.matches()) {
      throw new IllegalStateException("not a PostgreSQL URL: " + adminUrl);
    }
    this.name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    this.jdbcUrl = m.group(1) + name + m.group(3);
    try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
  }

  @Override
  public void close() throws Exception {
    try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }
}
