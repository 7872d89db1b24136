package io.writebehind.flights;

import com.zaxxer.hikari.HikariDataSource;
import io.writebehind.jdbc.DataSources;
import io.writebehind.jdbc.Dialect;
import io.writebehind.testkit.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database of its own for one test class on the shared test servers (or in memory for
 * H2), so parallel builds and leftovers of earlier runs cannot interfere. Dropped on close.
 */
final class FreshDatabase implements AutoCloseable {

  private static final Pattern DB_IN_URL = Pattern.compile("^(jdbc:[a-z]+://[^/?]+/)([^?;]*)(.*)$");

  final Dialect dialect;
  final String name;
  final String url;
  final HikariDataSource dataSource;
  private final String serverUrl;

  private FreshDatabase(Dialect dialect, String serverUrl) throws SQLException {
    this.dialect = dialect;
    this.serverUrl = serverUrl;
    this.name = "wb_flights_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    if (dialect == Dialect.H2) {
      this.url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
    } else {
      this.url = withDatabase(serverUrl, name);
      exec(serverUrl, "CREATE DATABASE " + name);
    }
    this.dataSource = DataSources.hikari(url, 4, "flights-" + name);
  }

  static FreshDatabase create(Dialect dialect) throws SQLException {
    return switch (dialect) {
      case POSTGRESQL -> new FreshDatabase(dialect, TestServers.postgresJdbcUrl());
      case MARIADB -> new FreshDatabase(dialect, TestServers.mariadbJdbcUrl());
      case H2 -> new FreshDatabase(dialect, null);
    };
  }

  static String withDatabase(String url, String database) {
    Matcher m = DB_IN_URL.matcher(url);
    if (!m.matches()) {
      throw new IllegalArgumentException("cannot find the database name in " + url);
    }
    return m.group(1) + database + m.group(3);
  }

  @Override
  public void close() throws SQLException {
    dataSource.close();
    if (dialect == Dialect.H2) {
      // DB_CLOSE_DELAY=-1 keeps the in-memory database after the pool's last connection.
      exec(url, "SHUTDOWN");
      return;
    }
    exec(serverUrl, dialect == Dialect.POSTGRESQL
        ? "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"
        : "DROP DATABASE IF EXISTS " + name);
  }

  private static void exec(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
