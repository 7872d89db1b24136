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

/**
 * A database of its own for one test class, with a pool: on the shared test servers (the
 * testkit's {@link io.writebehind.testkit.FreshDatabase}), or in memory for H2. Dropped on close.
 */
final class FreshDatabase implements AutoCloseable {
  final Dialect dialect;
  final String url;
  final HikariDataSource dataSource;
  private final io.writebehind.testkit.FreshDatabase server;

  private FreshDatabase(Dialect dialect, String serverUrl) throws SQLException {
    this.dialect = dialect;
    if (dialect == Dialect.H2) {
      this.server = null;
      this.url = "jdbc:h2:mem:wb_flights_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + ";DB_CLOSE_DELAY=-1";
    } else {
      this.server = io.writebehind.testkit.FreshDatabase.on(serverUrl, "wb_flights_it");
      this.url = server.url();
    }
    this.dataSource = DataSources.hikari(url, 4, "flights-" + UUID.randomUUID().toString().substring(0, 8));
  }

  static FreshDatabase create(Dialect dialect) throws SQLException {
    return switch (dialect) {
      case POSTGRESQL -> new FreshDatabase(dialect, TestServers.postgresJdbcUrl());
      case MARIADB -> new FreshDatabase(dialect, TestServers.mariadbJdbcUrl());
      case H2 -> new FreshDatabase(dialect, null);
    };
  }

  @Override
  public void close() throws SQLException {
    dataSource.close();
    if (server == null) {
      // DB_CLOSE_DELAY=-1 keeps the in-memory database after the pool's last connection.
      try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
        st.execute("SHUTDOWN");
      }
      return;
    }
    server.close();
  }
}
