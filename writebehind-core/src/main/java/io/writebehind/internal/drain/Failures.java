package io.writebehind.internal.drain;

import io.writebehind.sink.RecordRejectedException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Sorts a failed batch's error by what retrying it can do.
 *
 * <ul>
 *   <li>{@link Kind#TRANSIENT}: the database is down, restarting, overloaded, or the
 *       transaction lost a deadlock or serialization conflict. The whole batch is retried.
 *   <li>{@link Kind#RECORD}: an error a record will always meet (bad data, a constraint, a
 *       key past an index's size limit). The batch is split until the record stands alone,
 *       and it goes to the dead letters.
 *   <li>{@link Kind#UNKNOWN}: anything else, such as a user's trigger raising an exception
 *       or a missing table. The batch is split as for a record error; a record that fails
 *       alone while others of the batch commit is dead-lettered, since the database is then
 *       healthy and refuses that record. When every record fails, nothing tells the table from
 *       the records: the batch is retried, so a missing table never empties the journal into
 *       the dead letters.
 * </ul>
 */
final class Failures {
  enum Kind { TRANSIENT, RECORD, UNKNOWN }

  private Failures() {}

  /**
   * The first SQL error in the cause chain decides. Without one, an I/O error or timeout is
   * passing, and any other runtime exception (a sink's own code failing on one record) is
   * unknown.
   */
  static Kind classify(Throwable error) {
    boolean passing = false;
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RecordRejectedException || t instanceof SQLIntegrityConstraintViolationException) {
        return Kind.RECORD;
      }
      if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
        return Kind.TRANSIENT;
      }
      if (t instanceof SQLException sql) {
        return classify(sql.getSQLState());
      }
      passing |= t instanceof java.io.IOException || t instanceof java.util.concurrent.TimeoutException
          || t instanceof InterruptedException || !(t instanceof RuntimeException);
    }
    return passing ? Kind.TRANSIENT : Kind.UNKNOWN;
  }

  /**
   * By SQLSTATE class: 22 data exception, 23 integrity constraint, 54 program limit (an
   * index row too large) and 44 check option are the record's; 08 connection, 40 rollback
   * (deadlock, serialization), 53 insufficient resources, 57 operator intervention
   * (shutdown), 58 system error and HYT timeouts are passing; the rest is unknown.
   */
  static Kind classify(String sqlState) {
    if (sqlState == null || sqlState.length() < 2) {
      return Kind.UNKNOWN;
    }
    return switch (sqlState.substring(0, 2)) {
      case "22", "23", "44", "54" -> Kind.RECORD;
      case "08", "40", "53", "57", "58" -> Kind.TRANSIENT;
      default -> sqlState.startsWith("HYT") ? Kind.TRANSIENT : Kind.UNKNOWN;
    };
  }
}
