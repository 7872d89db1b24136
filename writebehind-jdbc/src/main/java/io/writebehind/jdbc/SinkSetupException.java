package io.writebehind.jdbc;

/**
 * The database failed while a sink was being built: it could not be reached, or it refused a
 * statement (reading the table's columns, creating the tombstone table). The cause is the
 * {@link java.sql.SQLException}. Unlike the {@link IllegalStateException} that
 * {@link JdbcSinkBuilder#build} throws for a table the sink could never write, this may pass:
 * building again later can succeed.
 */
public class SinkSetupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SinkSetupException(String message, Throwable cause) {
    super(message, cause);
  }
}
