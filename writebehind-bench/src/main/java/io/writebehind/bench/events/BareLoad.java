package io.writebehind.bench.events;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The bare ways to put a backlog of rows into a table from one connection, in one
 * transaction, with nothing of the library: the floors of the ingest. Each writes the rows
 * {@link EventTable#row} builds, so every loader stores the same values.
 */
final class BareLoad {
  /** Bytes per write to the server, as the sink's COPY sends them. */
  private static final int CHUNK = 64 * 1024;
  /** Rows per JDBC batch of single-row INSERTs, and per multi-row INSERT (the sink's 500 on MariaDB). */
  static final int BATCH = 1000;
  static final int ROWS_PER_INSERT = 500;
  private static final DateTimeFormatter MARIADB_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
  /** Microseconds from 1970 to 2000-01-01, PostgreSQL's epoch for binary timestamps. */
  private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;
  private static final byte[] BINARY_HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};

  private BareLoad() {}

  /** PostgreSQL: {@code COPY ... FROM STDIN} in its text format, values as the sink writes them. */
  static void copyText(Connection c, String table, List<Object[]> rows) throws SQLException {
    CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " (" + EventTable.COLUMNS + ") FROM STDIN");
    StringBuilder buf = new StringBuilder(CHUNK + 1024);
    for (Object[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        if (i > 0) {
          buf.append('\t');
        }
        // numbers, ISO times and the plain status words need no escaping
        buf.append(row[i]);
      }
      buf.append('\n');
      if (buf.length() >= CHUNK) {
        write(in, buf);
      }
    }
    write(in, buf);
    in.endCopy();
  }

  /**
   * {@link #copyText} in transactions of the worker's batch size ({@link EventsSystem#BATCH}): what the commits
   * alone cost (each one waits for its WAL flush), apart from everything else a worker does.
   */
  static void copyTextPerBatch(Connection c, String table, List<Object[]> rows) throws SQLException {
    int batch = EventsSystem.BATCH;
    for (int from = 0; from < rows.size(); from += batch) {
      copyText(c, table, rows.subList(from, Math.min(rows.size(), from + batch)));
      c.commit();
    }
  }

  private static void write(CopyIn in, StringBuilder buf) throws SQLException {
    byte[] b = buf.toString().getBytes(StandardCharsets.UTF_8);
    in.writeToCopy(b, 0, b.length);
    buf.setLength(0);
  }

  /** PostgreSQL: {@code COPY ... FROM STDIN (FORMAT binary)}: each value as the server stores it, nothing parsed. */
  static void copyBinary(Connection c, String table, List<Object[]> rows) throws SQLException {
    CopyIn in = c.unwrap(PGConnection.class).getCopyAPI()
        .copyIn("COPY " + table + " (" + EventTable.COLUMNS + ") FROM STDIN (FORMAT binary)");
    ByteBuffer buf = ByteBuffer.allocate(CHUNK + 64 * 1024);
    buf.put(BINARY_HEADER);
    for (Object[] row : rows) {
      buf.putShort((short) row.length);
      for (Object v : row) {
        binary(buf, v);
      }
      if (buf.position() >= CHUNK) {
        in.writeToCopy(buf.array(), 0, buf.position());
        buf.clear();
      }
    }
    buf.putShort((short) -1);
    in.writeToCopy(buf.array(), 0, buf.position());
    in.endCopy();
  }

  /** One field: its length, then bigint, integer, double, timestamptz or text in network order. */
  private static void binary(ByteBuffer buf, Object v) {
    if (v == null) {
      buf.putInt(-1);
    } else if (v instanceof Long l) {
      buf.putInt(8).putLong(l);
    } else if (v instanceof Integer i) {
      buf.putInt(4).putInt(i);
    } else if (v instanceof Double d) {
      buf.putInt(8).putDouble(d);
    } else if (v instanceof OffsetDateTime t) {
      long micros = t.toEpochSecond() * 1_000_000L + t.getNano() / 1000;
      buf.putInt(8).putLong(micros - PG_EPOCH_MICROS);
    } else {
      byte[] b = v.toString().getBytes(StandardCharsets.UTF_8);
      buf.putInt(b.length).put(b);
    }
  }

  /** Single-row INSERTs in JDBC batches of {@value #BATCH}: what a plain batch writer does. */
  static void insertBatch(Connection c, String table, List<Object[]> rows) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + EventTable.COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < rows.size(); i++) {
        Object[] row = rows.get(i);
        for (int j = 0; j < row.length; j++) {
          ps.setObject(j + 1, row[j]);
        }
        ps.addBatch();
        if ((i + 1) % BATCH == 0 || i == rows.size() - 1) {
          ps.executeBatch();
        }
      }
    }
  }

  /** Multi-row INSERTs of {@value #ROWS_PER_INSERT} rows, as the sink stores events on MariaDB. */
  static void insertMultiRow(Connection c, String table, List<Object[]> rows) throws SQLException {
    int width = rows.isEmpty() ? 0 : rows.get(0).length;
    for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
      int n = Math.min(ROWS_PER_INSERT, rows.size() - from);
      StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (").append(EventTable.COLUMNS)
          .append(") VALUES ");
      for (int i = 0; i < n; i++) {
        sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?)");
      }
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        int at = 1;
        for (int i = 0; i < n; i++) {
          Object[] row = rows.get(from + i);
          for (int j = 0; j < width; j++) {
            ps.setObject(at++, row[j]);
          }
        }
        ps.executeUpdate();
      }
    }
  }

  /**
   * MariaDB: {@code LOAD DATA LOCAL INFILE} from a stream (the connection needs
   * {@code allowLocalInfile=true}); tab-separated text, times without the zone.
   */
  static void loadData(Connection c, String table, List<Object[]> rows) throws SQLException {
    StringBuilder text = new StringBuilder(rows.size() * 64);
    for (Object[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        if (i > 0) {
          text.append('\t');
        }
        Object v = row[i];
        text.append(v instanceof OffsetDateTime t ? MARIADB_TIME.format(t.withOffsetSameInstant(ZoneOffset.UTC)) : v);
      }
      text.append('\n');
    }
    try (Statement s = c.createStatement()) {
      s.unwrap(org.mariadb.jdbc.Statement.class)
          .setLocalInfileInputStream(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
      s.execute("LOAD DATA LOCAL INFILE 'events' INTO TABLE " + table
          + " FIELDS TERMINATED BY '\\t' LINES TERMINATED BY '\\n' (" + EventTable.COLUMNS + ")");
    }
  }
}
