package io.writebehind.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transaction template against an in-memory H2 of this test's own. */
class TransactionsTest {
  private JdbcDataSource dataSource;

  @BeforeEach
  void freshDatabase() throws SQLException {
    dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:tx_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY)");
    }
  }

  private static int insert(Connection c, long id) throws SQLException {
    try (Statement s = c.createStatement()) {
      return s.executeUpdate("INSERT INTO t VALUES (" + id + ")");
    }
  }

  /** Counted on a connection of its own, so only committed rows show. */
  private long committedRows() throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The connection, except that one no-argument method fails without doing anything. */
  private static Connection failing(Connection real, String methodName) {
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          if (method.getName().equals(methodName) && method.getParameterCount() == 0) {
            throw new SQLException(methodName + " failed");
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Test
  void commitsOnSuccessReturnsTheResultAndRestoresAutoCommit() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      int inserted = Transactions.inTransaction(c, tx -> {
        assertThat(tx.getAutoCommit()).isFalse();
        return insert(tx, 1) + insert(tx, 2);
      });
      assertThat(inserted).isEqualTo(2);
      assertThat(c.getAutoCommit()).isTrue();
    }
    assertThat(committedRows()).isEqualTo(2);
  }

  @Test
  void rollsBackOnFailureThrowsTheWorksExceptionAndRestoresAutoCommit() throws SQLException {
    SQLException boom = new SQLException("boom");
    try (Connection c = dataSource.getConnection()) {
      assertThatThrownBy(() -> Transactions.inTransaction(c, tx -> {
        insert(tx, 1);
        throw boom;
      })).isSameAs(boom);
      assertThat(boom.getSuppressed()).isEmpty();
      assertThat(c.getAutoCommit()).isTrue();
    }
    assertThat(committedRows()).isZero();
  }

  @Test
  void aFailedCommitRollsBack() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      insert(c, 1); // autocommit: outside the transaction below
      assertThatThrownBy(() -> Transactions.inTransaction(failing(c, "commit"), tx -> insert(tx, 2)))
          .hasMessage("commit failed");
      assertThat(c.getAutoCommit()).isTrue();
    }
    assertThat(committedRows()).isEqualTo(1);
  }

  @Test
  void aFailedRollbackIsSuppressedIntoTheOriginalAndCommitsNothing() throws SQLException {
    IllegalStateException original = new IllegalStateException("the work failed");
    try (Connection real = dataSource.getConnection()) {
      Connection c = failing(real, "rollback");
      assertThatThrownBy(() -> Transactions.inTransaction(c, tx -> {
        insert(tx, 1);
        throw original;
      })).isSameAs(original);
      assertThat(original.getSuppressed()).singleElement()
          .satisfies(s -> assertThat(s).isInstanceOf(SQLException.class).hasMessage("rollback failed"));
      // Switching autocommit back on would commit the insert the rollback failed to undo.
      assertThat(real.getAutoCommit()).isFalse();
      assertThat(committedRows()).isZero();
    }
    // Closing ends the transaction without committing it.
    assertThat(committedRows()).isZero();
  }

  @Test
  void aConnectionInManualCommitModeStaysSo() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      Transactions.inTransaction(c, tx -> insert(tx, 1));
      assertThat(c.getAutoCommit()).isFalse();
    }
    assertThat(committedRows()).isEqualTo(1);
  }

  @Test
  void theDataSourceFormClosesItsConnection() throws SQLException {
    Connection[] used = new Connection[1];
    long inserted = Transactions.inTransaction(dataSource, tx -> {
      used[0] = tx;
      return (long) insert(tx, 7);
    });
    assertThat(inserted).isEqualTo(1);
    assertThat(used[0].isClosed()).isTrue();
    assertThat(committedRows()).isEqualTo(1);
    assertThatThrownBy(() -> Transactions.inTransaction(dataSource, tx -> {
      used[0] = tx;
      return insert(tx, 7);
    })).isInstanceOf(SQLException.class);
    assertThat(used[0].isClosed()).isTrue();
  }
}
