package io.writebehind.spring;

import io.writebehind.testkit.FreshDatabase;
import io.writebehind.testkit.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * One fresh PostgreSQL database for this JVM's tests, with the tables the test application
 * maps, and a namespace prefix of its own so that runs never share Valkey keys.
 */
final class TestDatabase {
  private TestDatabase() {}

  static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static String url;

  static synchronized String url() {
    if (url == null) {
      try {
        FreshDatabase db = FreshDatabase.on(TestServers.postgresJdbcUrl(), "wb_spring");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            db.close();
          } catch (SQLException e) {
            // the server may be gone already at exit
          }
        }));
        try (Connection c = DriverManager.getConnection(db.url()); Statement s = c.createStatement()) {
          s.execute("CREATE TABLE flight (id BIGINT PRIMARY KEY, departure TIMESTAMPTZ, arrival TIMESTAMPTZ, wb_version BIGINT)");
          s.execute("CREATE TABLE kv (id TEXT PRIMARY KEY, payload TEXT, wb_version BIGINT)");
          s.execute("CREATE TABLE flight_stats (flight_id BIGINT PRIMARY KEY, views BIGINT)");
        }
        url = db.url();
      } catch (SQLException e) {
        throw new IllegalStateException("cannot prepare the test database: " + e.getMessage(), e);
      }
    }
    return url;
  }
}
