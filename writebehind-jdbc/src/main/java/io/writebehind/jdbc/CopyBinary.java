package io.writebehind.jdbc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Rows in PostgreSQL's binary COPY format, for the column types whose binary form is plain
 * (integers, floats, booleans, text, dates and times, UUIDs, bytea) and only where each
 * value is of a Java type that maps onto its column exactly; anything else (numeric, json,
 * a string for a number column, a local time for a zoned one) leaves the batch to the text
 * format, which the server parses as it would the literal. The server reads binary values
 * as they are stored: no timestamps or floats parsed.
 */
final class CopyBinary {
  /** A column's binary form, by its type's name as the server reports it. */
  enum Kind { INT2, INT4, INT8, FLOAT4, FLOAT8, BOOL, TEXT, TIMESTAMPTZ, TIMESTAMP, DATE, UUID, BYTEA }

  static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
  private static final long EPOCH_2000_SECONDS = 946_684_800L;
  private static final long EPOCH_2000_DAYS = 10_957L;

  private CopyBinary() {}

  /**
   * The kinds of the COPY's columns, read from the table ({@code sql} is the sink's
   * {@code COPY t (a, b) FROM STDIN}); null when one has no plain binary form.
   */
  static Kind[] kinds(Connection c, String sql) throws SQLException {
    int open = sql.indexOf(" (");
    String table = sql.substring("COPY ".length(), open);
    String columns = sql.substring(open + 2, sql.lastIndexOf(") FROM STDIN"));
    try (Statement s = c.createStatement();
         var rs = s.executeQuery("SELECT " + columns + " FROM " + table + " WHERE 1 = 0")) {
      ResultSetMetaData md = rs.getMetaData();
      Kind[] kinds = new Kind[md.getColumnCount()];
      for (int i = 0; i < kinds.length; i++) {
        kinds[i] = kind(md.getColumnTypeName(i + 1));
        if (kinds[i] == null) {
          return null;
        }
      }
      return kinds;
    }
  }

  private static Kind kind(String type) {
    return switch (type.toLowerCase(Locale.ROOT)) {
      case "int2" -> Kind.INT2;
      case "int4", "serial" -> Kind.INT4;
      case "int8", "bigserial" -> Kind.INT8;
      case "float4" -> Kind.FLOAT4;
      case "float8" -> Kind.FLOAT8;
      case "bool" -> Kind.BOOL;
      // bpchar is left out: its binary input does not pad as the text input does
      case "text", "varchar" -> Kind.TEXT;
      case "timestamptz" -> Kind.TIMESTAMPTZ;
      case "timestamp" -> Kind.TIMESTAMP;
      case "date" -> Kind.DATE;
      case "uuid" -> Kind.UUID;
      case "bytea" -> Kind.BYTEA;
      default -> null;
    };
  }

  /** Whether every value has a binary form for its column that reads as its text form would. */
  static boolean fits(Kind[] kinds, List<Object[]> rows) {
    for (Object[] row : rows) {
      if (row.length != kinds.length) {
        return false;
      }
      for (int i = 0; i < row.length; i++) {
        Object v = row[i];
        if (v != null && !fits(kinds[i], v)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean fits(Kind kind, Object v) {
    return switch (kind) {
      // integers only where they fit: a wider value must fail as its literal would
      case INT2 -> isIntegral(v) && ((Number) v).longValue() == (short) ((Number) v).longValue();
      case INT4 -> isIntegral(v) && ((Number) v).longValue() == (int) ((Number) v).longValue();
      case INT8 -> isIntegral(v);
      case FLOAT4 -> v instanceof Float;
      // a Float widened is not the double its text form reads as (0.1f is 0.10000000149...)
      case FLOAT8 -> v instanceof Double;
      case BOOL -> v instanceof Boolean;
      // a NUL cannot be stored as text, and COPY's text form refuses it: so must this
      case TEXT -> v instanceof String s && s.indexOf('\0') < 0;
      // not ZonedDateTime: its text form ([Europe/Paris]) is refused, and binary must not store what text refuses
      case TIMESTAMPTZ -> v instanceof OffsetDateTime || v instanceof Instant;
      case TIMESTAMP -> v instanceof LocalDateTime;
      case DATE -> v instanceof LocalDate;
      case UUID -> v instanceof java.util.UUID;
      case BYTEA -> v instanceof byte[];
    };
  }

  private static boolean isIntegral(Object v) {
    return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte;
  }

  /** Bytes per write to the server: large enough to fill its buffers, small enough to stay in the cache. */
  static final int CHUNK = 64 * 1024;

  /**
   * A batch's rows in this form, encoded ahead of its transaction (on the worker's preparing
   * thread, while the batch before is copied) with the kinds an earlier transaction read: sent
   * as they are when the kinds the transaction reads are still these.
   */
  record Encoded(Kind[] kinds, List<byte[]> chunks) {}

  /** The rows encoded with these kinds, or null when one has no plain binary form for them. */
  static Encoded encoded(Kind[] kinds, List<Object[]> rows) {
    if (kinds == null || !fits(kinds, rows)) {
      return null;
    }
    List<byte[]> chunks = new ArrayList<>();
    try {
      encode(kinds, rows, (b, n) -> chunks.add(Arrays.copyOf(b, n)));
    } catch (SQLException impossible) {
      throw new IllegalStateException(impossible);
    }
    return new Encoded(kinds, chunks);
  }

  /** Where encoded bytes go: the server, or a list kept for later. */
  @FunctionalInterface
  interface Chunks {
    void write(byte[] bytes, int length) throws SQLException;
  }

  /** The whole COPY stream (header, rows, trailer), in writes of about {@link #CHUNK} bytes. */
  static void encode(Kind[] kinds, List<Object[]> rows, Chunks out) throws SQLException {
    ByteBuffer buf = ByteBuffer.allocate(2 * CHUNK);
    buf.put(HEADER);
    for (Object[] row : rows) {
      int need = fixedBytes(row.length);
      for (Object v : row) {
        need += variableBytes(v);
      }
      if (buf.remaining() < need) {
        out.write(buf.array(), buf.position());
        buf.clear();
        if (buf.capacity() < need) {
          buf = ByteBuffer.allocate(need);
        }
      }
      row(buf, kinds, row);
      if (buf.position() >= CHUNK) {
        out.write(buf.array(), buf.position());
        buf.clear();
      }
    }
    if (buf.remaining() < 2) {
      out.write(buf.array(), buf.position());
      buf.clear();
    }
    buf.putShort((short) -1);
    out.write(buf.array(), buf.position());
  }

  /** Bytes one row may take beyond its variable-length values. */
  static int fixedBytes(int columns) {
    return 2 + columns * 20;
  }

  /** Appends one row: the field count, then each field's length and value in network order. */
  static void row(ByteBuffer out, Kind[] kinds, Object[] row) {
    out.putShort((short) row.length);
    for (int i = 0; i < row.length; i++) {
      Object v = row[i];
      if (v == null) {
        out.putInt(-1);
        continue;
      }
      switch (kinds[i]) {
        case INT2 -> out.putInt(2).putShort(((Number) v).shortValue());
        case INT4 -> out.putInt(4).putInt(((Number) v).intValue());
        case INT8 -> out.putInt(8).putLong(((Number) v).longValue());
        case FLOAT4 -> out.putInt(4).putFloat((Float) v);
        case FLOAT8 -> out.putInt(8).putDouble(((Number) v).doubleValue());
        case BOOL -> out.putInt(1).put((byte) ((Boolean) v ? 1 : 0));
        case TEXT -> bytes(out, ((String) v).getBytes(StandardCharsets.UTF_8));
        case TIMESTAMPTZ -> out.putInt(8).putLong(micros(instant(v)));
        case TIMESTAMP -> out.putInt(8).putLong(micros(((LocalDateTime) v).toInstant(ZoneOffset.UTC)));
        case DATE -> out.putInt(4).putInt((int) (((LocalDate) v).toEpochDay() - EPOCH_2000_DAYS));
        case UUID -> out.putInt(16).putLong(((UUID) v).getMostSignificantBits()).putLong(((UUID) v).getLeastSignificantBits());
        case BYTEA -> bytes(out, (byte[]) v);
      }
    }
  }

  /** Bytes a value of variable length takes (0 for the fixed ones, counted in {@link #fixedBytes}). */
  static int variableBytes(Object v) {
    if (v instanceof String s) {
      return s.length() * 3;
    }
    return v instanceof byte[] b ? b.length : 0;
  }

  private static void bytes(ByteBuffer out, byte[] b) {
    out.putInt(b.length).put(b);
  }

  private static Instant instant(Object v) {
    return v instanceof Instant i ? i : ((OffsetDateTime) v).toInstant();
  }

  /**
   * Microseconds since 2000-01-01 UTC, PostgreSQL's epoch. Finer digits are rounded as its
   * text input rounds them: the fraction read as a double, times a million, to the nearest
   * even ({@code rint}), so 500 ns rounds down as it does there.
   */
  private static long micros(Instant t) {
    long seconds = t.getEpochSecond() - EPOCH_2000_SECONDS;
    return Math.addExact(Math.multiplyExact(seconds, 1_000_000L), (long) Math.rint(t.getNano() / 1e9 * 1e6));
  }
}
