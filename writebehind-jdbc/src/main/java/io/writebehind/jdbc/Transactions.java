package io.writebehind.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs work as one transaction: begin, work, commit; on any failure, rollback and rethrow.
 *
 * <p>The failure that is thrown is always the work's (or the commit's): a rollback that fails
 * too is added to it as suppressed, never thrown in its place, because the first error is the
 * one that says what went wrong.
 *
 * <p>A connection found in autocommit mode is put back in it afterwards, so a pooled
 * connection goes back as it came, with two exceptions. After a failed rollback it is left in
 * manual-commit mode, because switching autocommit on commits the open transaction, which is
 * what the rollback was meant to undo; closing the connection ends it (every supported driver,
 * and HikariCP, roll back on close). And if putting it back fails after a commit, that failure
 * is dropped: the data is committed, and a connection that cannot switch modes is broken,
 * which its next use or the pool's validation finds out.
 */
public final class Transactions {
  private Transactions() {}

  /** What runs inside the transaction; the connection is the transaction's. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Borrows a connection from the data source, runs the work in one transaction, and closes it. */
  public static <T> T inTransaction(DataSource dataSource, Work<T> work) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return inTransaction(c, work);
    }
  }

  /**
   * Runs the work in one transaction on the caller's connection, which stays open. If the
   * connection is not in autocommit mode, whatever it did before and left uncommitted is
   * committed (or rolled back) with the work. After a failed rollback (suppressed into the
   * thrown failure) the connection should be closed rather than used again.
   */
  public static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
    boolean wasAutoCommit = connection.getAutoCommit();
    if (wasAutoCommit) {
      connection.setAutoCommit(false);
    }
    T result;
    try {
      result = work.run(connection);
      connection.commit();
    } catch (Throwable failure) {
      if (rollback(connection, failure)) {
        restoreAutoCommit(connection, wasAutoCommit, failure);
      }
      throw failure;
    }
    restoreAutoCommit(connection, wasAutoCommit, null);
    return result;
  }

  /** Whether the rollback went through; if not, its failure is suppressed into the first one. */
  private static boolean rollback(Connection connection, Throwable failure) {
    try {
      connection.rollback();
      return true;
    } catch (SQLException | RuntimeException rollbackFailure) {
      failure.addSuppressed(rollbackFailure);
      return false;
    }
  }

  private static void restoreAutoCommit(Connection connection, boolean wasAutoCommit, Throwable failure) {
    if (!wasAutoCommit) {
      return;
    }
    try {
      connection.setAutoCommit(true);
    } catch (SQLException | RuntimeException restoreFailure) {
      if (failure != null) {
        failure.addSuppressed(restoreFailure);
      }
    }
  }
}
