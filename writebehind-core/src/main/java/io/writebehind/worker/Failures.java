package io.writebehind.worker;

import io.writebehind.sink.RecordRejectedException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;

/**
 * Tells errors that retrying may cure (the database is down, restarting, overloaded, a
 * deadlock or serialization conflict) from errors a record will always meet (bad data, a
 * constraint). Only record-level errors are permanent: a missing table or a wrong password
 * would otherwise send every record to the dead letters, so they are retried and shown.
 */
final class Failures {
  private Failures() {}

  static boolean isPermanent(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RecordRejectedException || t instanceof SQLIntegrityConstraintViolationException) {
        return true;
      }
      if (t instanceof SQLException sql && isRecordLevel(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** SQLSTATE class 22 (data exception) and 23 (integrity constraint violation). */
  static boolean isRecordLevel(String sqlState) {
    return sqlState != null && (sqlState.startsWith("22") || sqlState.startsWith("23"));
  }
}
