package io.writebehind.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/** The SQL dialects the sinks speak. Each differs in how a guarded upsert is written. */
public enum Dialect {
  POSTGRESQL("\""),
  MARIADB("`"),
  H2("\"");

  private final String quote;

  Dialect(String quote) {
    this.quote = quote;
  }

  /** The dialect of a JDBC URL; MySQL URLs use the MariaDB dialect. */
  public static Dialect fromJdbcUrl(String jdbcUrl) {
    String url = jdbcUrl == null ? "" : jdbcUrl.toLowerCase(Locale.ROOT);
    if (url.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
      return MARIADB;
    }
    if (url.startsWith("jdbc:h2:")) {
      return H2;
    }
    throw new IllegalArgumentException(
        "unsupported database URL (expected jdbc:postgresql:, jdbc:mariadb:, jdbc:mysql: or jdbc:h2:): "
            + JdbcUrls.redact(jdbcUrl));
  }

  /** The dialect of an open connection, from the URL its metadata reports. */
  public static Dialect of(Connection connection) throws SQLException {
    return fromJdbcUrl(connection.getMetaData().getURL());
  }

  /** The dialect of a data source; borrows one connection to ask. */
  public static Dialect of(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return of(c);
    }
  }

  /**
   * One identifier part in this dialect's quotes. Callers validate first (see {@link
   * Identifiers}); quoting is there so reserved words and case survive, not as an escape.
   */
  String quotePart(String part) {
    return quote + part + quote;
  }
}
