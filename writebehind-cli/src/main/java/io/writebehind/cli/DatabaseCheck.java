package io.writebehind.cli;

import io.writebehind.jdbc.Dialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * One connection straight through the driver, before any pool: a pool retries until its
 * timeout and then reports only "Connection is not available", while the driver says at
 * once what is wrong (a wrong password, no such database, a refused port, an sslmode the
 * server does not offer). Connecting and logging in are each bounded by 5 s unless the URL
 * sets its own timeouts.
 */
public final class DatabaseCheck {
  static final int TIMEOUT_SECONDS = 5;

  private DatabaseCheck() {}

  /** Connects once to {@code url} (as {@link ServerUrls#database} returned it), or throws the driver's reason as one line, exit 3. */
  public static void connect(String url, Dialect dialect) {
    Properties props = new Properties();
    switch (dialect) {
      case POSTGRESQL -> {
        props.setProperty("connectTimeout", Integer.toString(TIMEOUT_SECONDS));
        props.setProperty("loginTimeout", Integer.toString(TIMEOUT_SECONDS));
      }
      case MARIADB -> props.setProperty("connectTimeout", Integer.toString(TIMEOUT_SECONDS * 1000));
      case H2 -> { }
    }
    try (Connection c = DriverManager.getDriver(url).connect(url, props)) {
      if (c == null) {
        throw CliException.badInput("no JDBC driver here takes " + ServerUrls.redact(url));
      }
    } catch (SQLException e) {
      throw failure(url, e);
    }
  }

  static CliException failure(String url, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String what = state.startsWith("28") ? "the database at " + ServerUrls.redact(url) + " refused the login (authentication failed)"
        : "cannot connect to the database at " + ServerUrls.redact(url);
    return new CliException(CliException.UNREACHABLE, what + ": " + Session.firstLine(ServerUrls.scrub(e.getMessage())), e);
  }
}
