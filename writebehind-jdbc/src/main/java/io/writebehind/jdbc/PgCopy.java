package io.writebehind.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into a table with {@code COPY ... FROM STDIN} on the transaction's own
 * connection, so the rows commit (or roll back) with the position. The only class that
 * touches pgjdbc: loaded on PostgreSQL only.
 */
final class PgCopy {
  /** Rows per write to the server: large enough to fill its buffers, small enough to stay in the cache. */
  private static final int CHUNK = 64 * 1024;

  private PgCopy() {}

  static long copy(Connection c, String sql, List<Object[]> rows) throws SQLException {
    CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
    try {
      StringBuilder buf = new StringBuilder(CHUNK + 1024);
      for (Object[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          if (i > 0) {
            buf.append('\t');
          }
          CopyText.append(buf, row[i]);
        }
        buf.append('\n');
        if (buf.length() >= CHUNK) {
          byte[] b = CopyText.bytes(buf);
          in.writeToCopy(b, 0, b.length);
          buf.setLength(0);
        }
      }
      if (buf.length() > 0) {
        byte[] b = CopyText.bytes(buf);
        in.writeToCopy(b, 0, b.length);
      }
      return in.endCopy();
    } catch (SQLException | RuntimeException e) {
      if (in.isActive()) {
        try {
          in.cancelCopy();
        } catch (SQLException cancel) {
          e.addSuppressed(cancel);
        }
      }
      throw e;
    }
  }
}
