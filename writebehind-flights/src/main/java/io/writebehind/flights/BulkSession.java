package io.writebehind.flights;

import io.writebehind.jdbc.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The load's transactions, with per-row foreign key checks off where the database lets any
 * user turn them off. The generated rows only reference generated rows, and those checks
 * are most of the cost of a load (on PostgreSQL four lookups per flight, several times the
 * insert itself).
 *
 * <p>PostgreSQL: {@code SET LOCAL session_replication_role = replica}, allowed to superusers
 * only (the embedded server's user is one); it ends with each transaction by itself, so it is
 * renewed after every commit; others load with the checks on. MariaDB: the session's
 * {@code foreign_key_checks}, restored at the end so the pooled connection goes back as it
 * came. H2: checks stay on.
 */
final class BulkSession {

  private final Connection connection;
  private final Dialect dialect;
  private boolean pgRelaxAllowed = true;
  private boolean mariadbRelaxed;

  BulkSession(Connection connection, Dialect dialect) {
    this.connection = connection;
    this.dialect = dialect;
  }

  Connection connection() {
    return connection;
  }

  /** Starts the first transaction; the connection must not be in auto-commit mode. */
  void begin() throws SQLException {
    if (dialect == Dialect.MARIADB && !mariadbRelaxed) {
      execute("SET SESSION foreign_key_checks = 0");
      mariadbRelaxed = true;
    }
    relaxPostgres();
  }

  void commit() throws SQLException {
    connection.commit();
    relaxPostgres();
  }

  /** Restores the session; call after the last commit or rollback. */
  void end() throws SQLException {
    if (mariadbRelaxed) {
      mariadbRelaxed = false;
      execute("SET SESSION foreign_key_checks = 1");
    }
  }

  private void relaxPostgres() throws SQLException {
    if (dialect != Dialect.POSTGRESQL || !pgRelaxAllowed) {
      return;
    }
    try {
      execute("SET LOCAL session_replication_role = replica");
    } catch (SQLException notSuperuser) {
      // The failed SET aborted the (still empty) transaction; start a clean one without it.
      connection.rollback();
      pgRelaxAllowed = false;
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute(sql);
    }
  }
}
