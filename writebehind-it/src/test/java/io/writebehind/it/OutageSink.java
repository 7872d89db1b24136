package io.writebehind.it;

import io.writebehind.sink.Sink;
import io.writebehind.sink.SinkRecord;
import java.sql.SQLTransientConnectionException;
import java.util.List;

/**
 * A sink whose database can be switched off: while down, every batch fails the way a
 * lost connection does (SQLSTATE 08006, transient), so the worker retries and nothing is
 * dead-lettered.
 */
final class OutageSink implements Sink<Long, String> {
  private final Sink<Long, String> database;
  private volatile boolean up;

  OutageSink(Sink<Long, String> database, boolean up) {
    this.database = database;
    this.up = up;
  }

  void up(boolean up) {
    this.up = up;
  }

  @Override
  public int apply(List<SinkRecord<Long, String>> batch) throws Exception {
    if (!up) {
      throw new SQLTransientConnectionException("connection refused (database down for the test)", "08006");
    }
    return database.apply(batch);
  }
}
