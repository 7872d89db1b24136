/**
 * writebehind's JDBC sinks: version-guarded upserts and deletes for PostgreSQL,
 * MariaDB/MySQL and H2. The user brings the driver.
 */
module io.writebehind.jdbc {
  requires transitive io.writebehind.core;
  requires transitive java.sql;
  requires transitive com.zaxxer.hikari;

  exports io.writebehind.jdbc;
}
