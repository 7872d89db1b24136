package io.writebehind.bench;

import io.writebehind.jdbc.Dialect;

/** Points a JDBC URL at the run's own schema (PostgreSQL) or database (MariaDB). */
final class JdbcUrlWithSchema {
  private JdbcUrlWithSchema() {}

  static String of(String url, Dialect dialect, String schema) {
    return switch (dialect) {
      case POSTGRESQL -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
      case MARIADB -> {
        // jdbc:mariadb://host:port/db?params : replace the database part
        int hostStart = url.indexOf("//") + 2;
        int q = url.indexOf('?', hostStart);
        String head = q < 0 ? url : url.substring(0, q);
        String params = q < 0 ? "" : url.substring(q);
        int slash = head.indexOf('/', hostStart);
        String hostPart = slash < 0 ? head : head.substring(0, slash);
        yield hostPart + "/" + schema + params;
      }
      case H2 -> throw new IllegalArgumentException("the benchmark needs PostgreSQL or MariaDB, not H2");
    };
  }
}
