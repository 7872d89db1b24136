/**
 * writebehind's JDBC sinks: version-guarded upserts and deletes for PostgreSQL,
 * MariaDB/MySQL and H2; counters' deltas and events applied exactly once. The user brings
 * the driver.
 */
module io.writebehind.jdbc {
  requires transitive io.writebehind.core;
  requires transitive java.sql;
  requires transitive com.zaxxer.hikari;
  // Only the event sink's COPY on PostgreSQL needs it, and only when the database is one.
  requires static org.postgresql.jdbc;

  exports io.writebehind.jdbc;
}
