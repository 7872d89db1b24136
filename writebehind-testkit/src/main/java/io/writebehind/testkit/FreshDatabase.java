package io.writebehind.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database of its own on a shared PostgreSQL or MariaDB server, for one test, so that
 * parallel builds and leftovers of earlier runs cannot interfere. Dropped on close.
 */
public final class FreshDatabase implements AutoCloseable {
  private static final Pattern DB_IN_URL = Pattern.compile("^(jdbc:[a-z]+://[^/?]+/)([^?;]*)(.*)$");

  private final String serverUrl;
  private final String name;
  private final String url;

  private FreshDatabase(String serverUrl, String prefix) throws SQLException {
    this.serverUrl = serverUrl;
    this.name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    this.url = withDatabase(serverUrl, name);
    exec("CREATE DATABASE " + name);
  }

  /** A new database on the server of {@code serverUrl}; {@code prefix} is [a-z_]+. */
  public static FreshDatabase on(String serverUrl, String prefix) throws SQLException {
    if (!prefix.matches("[a-z_]{1,40}")) {
      throw new IllegalArgumentException("prefix must match [a-z_]{1,40}, was '" + prefix + "'");
    }
    return new FreshDatabase(serverUrl, prefix);
  }

  public String url() {
    return url;
  }

  public String name() {
    return name;
  }

  static String withDatabase(String url, String database) {
    Matcher m = DB_IN_URL.matcher(url);
    if (!m.matches()) {
      throw new IllegalArgumentException("cannot find the database name in " + url);
    }
    return m.group(1) + database + m.group(3);
  }

  private void exec(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(serverUrl); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Override
  public void close() throws SQLException {
    String drop = serverUrl.startsWith("jdbc:postgresql:") ? "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)" : "DROP DATABASE IF EXISTS " + name;
    exec(drop);
  }
}
