package io.writebehind.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The binary COPY stores exactly what the text COPY stores, type by type, and a batch it
 * has no exact form for goes as text, refused or stored as the text form would be.
 */
class PgCopyBinaryIT {
  private static final String COLUMNS = "i2, i4, i8, f4, f8, b, t, v, tz, ts, d, u, by";

  private static Object[] row(Object... values) {
    return values;
  }

  private static List<Object[]> rows() {
    List<Object[]> rows = new ArrayList<>();
    rows.add(row((short) 1, 2, 3L, 1.5f, 0.1, true, "plain", "short", OffsetDateTime.of(2030, 1, 2, 3, 4, 5, 123_456_789, ZoneOffset.ofHours(2)),
        LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000), LocalDate.of(1970, 1, 1), UUID.randomUUID(), new byte[] {0, 1, (byte) 0xff}));
    rows.add(row((short) -32768, Integer.MIN_VALUE, Long.MIN_VALUE, Float.NaN, Double.NEGATIVE_INFINITY, false,
        "tab\there, newline\n, backslash \\ and é€😀", "", Instant.ofEpochSecond(-1_000_000_000L, 1_000),
        LocalDateTime.of(2100, 6, 1, 0, 0), LocalDate.of(1900, 2, 28), new UUID(0, 0), new byte[0]));
    rows.add(row(null, null, null, null, null, null, null, null, null, null, null, null, null));
    rows.add(row((byte) 7, (short) 8, 9, -0.0f, Double.MAX_VALUE, true, "x", "12345678",
        OffsetDateTime.of(2024, 3, 31, 2, 30, 0, 500, ZoneOffset.ofHours(-9)), LocalDateTime.of(2000, 1, 1, 0, 0),
        LocalDate.of(2000, 1, 1), UUID.randomUUID(), "bytes".getBytes()));
    return rows;
  }

  private static String table(Statement s) throws SQLException {
    String t = Databases.freshTable();
    s.execute("CREATE TABLE " + t + " (i2 SMALLINT, i4 INTEGER, i8 BIGINT, f4 REAL, f8 DOUBLE PRECISION, b BOOLEAN, "
        + "t TEXT, v VARCHAR(8), tz TIMESTAMPTZ, ts TIMESTAMP, d DATE, u UUID, by BYTEA)");
    return t;
  }

  private static String copySql(String table) {
    return "COPY " + table + " (" + COLUMNS + ") FROM STDIN";
  }

  @Test
  void binaryStoresWhatTextStores() throws Exception {
    try (Connection c = Databases.pool(Dialect.POSTGRESQL).getConnection(); Statement s = c.createStatement()) {
      String binary = table(s);
      String text = table(s);
      List<Object[]> rows = rows();
      CopyBinary.Kind[] kinds = CopyBinary.kinds(c, copySql(binary));
      assertThat(kinds).as("every column has a binary form").isNotNull();
      assertThat(CopyBinary.fits(kinds, rows)).as("these rows go as binary").isTrue();
      assertThat(PgCopy.copy(c, copySql(binary), rows)).isEqualTo(rows.size());
      assertThat(PgCopy.copy(c, copySql(text), rows, false)).isEqualTo(rows.size());
      for (String[] pair : new String[][] {{binary, text}, {text, binary}}) {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM (SELECT " + COLUMNS + " FROM " + pair[0]
            + " EXCEPT ALL SELECT " + COLUMNS + " FROM " + pair[1] + ") d")) {
          rs.next();
          assertThat(rs.getLong(1)).as("rows of %s not in %s", pair[0], pair[1]).isZero();
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + binary)) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(rows.size());
      }
    }
  }

  @Test
  void aValueWithNoExactBinaryFormSendsTheBatchAsText() throws Exception {
    try (Connection c = Databases.pool(Dialect.POSTGRESQL).getConnection(); Statement s = c.createStatement()) {
      String t = table(s);
      CopyBinary.Kind[] kinds = CopyBinary.kinds(c, copySql(t));
      // a float for a double column, a string for an integer one, a local time for a zoned one, a long too wide,
      // a zoned time (whose text form the server refuses)
      for (Object[] odd : List.of(row(null, null, null, null, null, null, null, null,
              ZonedDateTime.of(2024, 3, 31, 2, 30, 0, 0, ZoneId.of("Europe/Paris")), null, null, null, null),
          row(null, null, null, null, 0.1f, null, null, null, null, null, null, null, null),
          row(null, "42", null, null, null, null, null, null, null, null, null, null, null),
          row(null, null, null, null, null, null, null, null, LocalDateTime.of(2030, 1, 1, 0, 0), null, null, null, null),
          row(null, 1L << 40, null, null, null, null, null, null, null, null, null, null, null))) {
        assertThat(CopyBinary.fits(kinds, List.<Object[]>of(odd))).as(Arrays.toString(odd)).isFalse();
      }
      PgCopy.copy(c, copySql(t), List.<Object[]>of(row(null, "42", null, null, 0.1f, null, null, null, null, null, null, null, null)));
      try (ResultSet rs = s.executeQuery("SELECT i4, f8 FROM " + t)) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(42);
        assertThat(rs.getDouble(2)).as("0.1f read as its text form").isEqualTo(0.1);
      }
    }
  }

  @Test
  void aTooLongStringIsRefusedAsTheTextFormRefusesIt() throws Exception {
    try (Connection c = Databases.pool(Dialect.POSTGRESQL).getConnection(); Statement s = c.createStatement()) {
      String t = table(s);
      List<Object[]> rows = List.<Object[]>of(row(null, null, null, null, null, null, null, "123456789", null, null, null, null, null));
      assertThatThrownBy(() -> PgCopy.copy(c, copySql(t), rows)).isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22001"));
    }
  }
}
