package io.writebehind.jdbc;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
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
  /** Rows per write to the server: large enough to fill its buffers, small enough to stay in the cache. */
  private static final int CHUNK = 64 * 1024;

  private PgCopy() {}

  static long copy(Connection c, String sql, List<Object[]> rows) throws SQLException {
    return copy(c, sql, rows, true);
  }

  /** {@code mayBinary} false: the text format whatever the types (the tests compare the two). */
  static long copy(Connection c, String sql, List<Object[]> rows, boolean mayBinary) throws SQLException {
    CopyBinary.Kind[] kinds = mayBinary ? CopyBinary.kinds(c, sql) : null;
    boolean binary = kinds != null && CopyBinary.fits(kinds, rows);
    CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(binary ? sql + " (FORMAT binary)" : sql);
    try {
      if (binary) {
        binary(in, kinds, rows);
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

  private static void binary(CopyIn in, CopyBinary.Kind[] kinds, List<Object[]> rows) throws SQLException {
    ByteBuffer buf = ByteBuffer.allocate(2 * CHUNK);
    buf.put(CopyBinary.HEADER);
    for (Object[] row : rows) {
      int need = CopyBinary.fixedBytes(row.length);
      for (Object v : row) {
        need += CopyBinary.variableBytes(v);
      }
      if (buf.remaining() < need) {
        in.writeToCopy(buf.array(), 0, buf.position());
        buf.clear();
        if (buf.capacity() < need) {
          buf = ByteBuffer.allocate(need);
        }
      }
      CopyBinary.row(buf, kinds, row);
      if (buf.position() >= CHUNK) {
        in.writeToCopy(buf.array(), 0, buf.position());
        buf.clear();
      }
    }
    if (buf.remaining() < 2) {
      in.writeToCopy(buf.array(), 0, buf.position());
      buf.clear();
    }
    buf.putShort((short) -1);
    in.writeToCopy(buf.array(), 0, buf.position());
  }

  private static void text(CopyIn in, List<Object[]> rows) throws SQLException {
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
  }
}
