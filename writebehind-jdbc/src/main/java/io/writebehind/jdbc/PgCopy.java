package io.writebehind.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into a table with {@code COPY ... FROM STDIN} on the transaction's own
 * connection, so the rows commit (or roll back) with the position. The only class that
 * touches pgjdbc: loaded on PostgreSQL only.
 *
 * <p>Binary where every column and value has a plain binary form ({@link CopyBinary}): the
 * server then parses nothing, which in the bench made a bare COPY of position reports
 * (timestamps, floats) more than twice as fast. Else the text format. The columns' types
 * are read in each transaction, so a table altered meanwhile is never sent a stale form.
 */
final class PgCopy {
  private PgCopy() {}

  static long copy(Connection c, String sql, List<Object[]> rows) throws SQLException {
    return copy(c, sql, rows, true);
  }

  /** {@code mayBinary} false: the text format whatever the types (the tests compare the two). */
  static long copy(Connection c, String sql, List<Object[]> rows, boolean mayBinary) throws SQLException {
    return copy(c, sql, rows, mayBinary ? CopyBinary.kinds(c, sql) : null, null);
  }

  /**
   * {@code kinds}: the columns' kinds read in this transaction (null: text); {@code encoded}:
   * the rows encoded ahead, or null. Binary when the kinds fit the rows.
   */
  static long copy(Connection c, String sql, List<Object[]> rows, CopyBinary.Kind[] kinds, CopyBinary.Encoded encoded)
      throws SQLException {
    boolean ready = encoded != null && kinds != null && Arrays.equals(encoded.kinds(), kinds);
    boolean binary = ready || (kinds != null && CopyBinary.fits(kinds, rows));
    CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(binary ? sql + " (FORMAT binary)" : sql);
    try {
      if (ready) {
        for (byte[] chunk : encoded.chunks()) {
          in.writeToCopy(chunk, 0, chunk.length);
        }
      } else if (binary) {
        CopyBinary.encode(kinds, rows, (b, n) -> in.writeToCopy(b, 0, n));
      } else {
        text(in, rows);
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

  private static void text(CopyIn in, List<Object[]> rows) throws SQLException {
    StringBuilder buf = new StringBuilder(CopyBinary.CHUNK + 1024);
    for (Object[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        if (i > 0) {
          buf.append('\t');
        }
        CopyText.append(buf, row[i]);
      }
      buf.append('\n');
      if (buf.length() >= CopyBinary.CHUNK) {
        byte[] b = CopyText.bytes(buf);
        in.writeToCopy(b, 0, b.length);
        buf.setLength(0);
      }
    }
    if (buf.length() > 0) {
      byte[] b = CopyText.bytes(buf);
      in.writeToCopy(b, 0, b.length);
    }
  }
}
