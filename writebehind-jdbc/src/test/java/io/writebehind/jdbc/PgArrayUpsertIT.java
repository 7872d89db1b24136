package io.writebehind.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.writebehind.sink.SinkRecord;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's one-statement array upsert stores exactly what binding row by row stores, for
 * every type it accepts, and counts exactly; values it cannot carry go row by row.
 */
class PgArrayUpsertIT {
  private static final Dialect PG = Dialect.POSTGRESQL;
  private static final String[] COLUMNS = {"t", "i", "n", "ts", "tstz", "d", "b", "u"};

  /** A row of every type the array path carries, as the binder's objects. */
  record Wide(String t, Integer i, BigDecimal n, LocalDateTime ts, OffsetDateTime tstz, LocalDate d, Boolean b, UUID u) {}

  /** Binds row by row; with {@code arrays} it also offers the values for the array upsert. */
  static RowBinder<Long, Wide> binder(boolean arrays) {
    return new RowBinder<>() {
      @Override
      public void bindKey(PreparedStatement ps, int index, Long key) throws SQLException {
        ps.setLong(index, key);
      }

      @Override
      public void bindValues(PreparedStatement ps, int i, Wide w) throws SQLException {
        Object[] v = {w.t(), w.i(), w.n(), w.ts(), w.tstz(), w.d(), w.b(), w.u()};
        for (int c = 0; c < v.length; c++) {
          ps.setObject(i + c, v[c]);
        }
      }

      @Override
      public Object[] columnValues(Wide w) {
        return arrays ? new Object[] {w.t(), w.i(), w.n(), w.ts(), w.tstz(), w.d(), w.b(), w.u()} : null;
      }
    };
  }

  private final List<String> tables = new ArrayList<>();

  private JdbcSink<Long, Wide> sink(boolean arrays) throws SQLException {
    String table = Databases.freshTable();
    tables.add(table);
    Databases.exec(PG, "CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, t VARCHAR(40), i INTEGER,"
        + " n NUMERIC(10,2), ts TIMESTAMP(3), tstz TIMESTAMPTZ, d DATE, b BOOLEAN, u UUID, wb_version BIGINT NOT NULL)");
    return JdbcSink.<Long, Wide>builder().dataSource(Databases.pool(PG)).dialect(PG).table(table)
        .keyColumn("id").columns(COLUMNS).versionColumn("wb_version").binder(binder(arrays)).build();
  }

  @AfterEach
  void dropTables() throws SQLException {
    for (String t : tables) {
      Databases.drop(PG, t);
    }
  }

  @AfterAll
  static void closePools() {
    Databases.closeAll();
  }

  private static List<SinkRecord<Long, Wide>> batch(long version) {
    List<SinkRecord<Long, Wide>> out = new ArrayList<>();
    out.add(put(1, new Wide("plain", 7, new BigDecimal("12.345"), LocalDateTime.of(2025, 10, 1, 11, 19, 0, 123_456_789),
        OffsetDateTime.of(2025, 10, 1, 15, 3, 0, 0, ZoneOffset.ofHours(-11)), LocalDate.of(2025, 10, 1), true,
        UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e")), version));
    out.add(put(2, new Wide("quote\" comma, brace} back\\slash", -1, new BigDecimal("1E+3"), LocalDateTime.of(1999, 12, 31, 23, 59),
        OffsetDateTime.ofInstant(Instant.EPOCH, ZoneOffset.UTC), LocalDate.of(1970, 1, 1), false, UUID.fromString("09d4cdba-31a3-40ee-bb77-c8f03fb5c163")), version));
    out.add(put(3, new Wide("NULL", null, null, null, null, null, null, null), version));
    out.add(put(4, new Wide("", 0, BigDecimal.ZERO, LocalDateTime.of(2030, 1, 1, 0, 0), OffsetDateTime.of(2030, 1, 1, 0, 0, 0, 999_999_000, ZoneOffset.UTC),
        LocalDate.of(2030, 1, 1), null, null), version));
    return out;
  }

  private static SinkRecord<Long, Wide> put(long key, Wide value, long version) {
    return new SinkRecord<>(key, value, version, System.currentTimeMillis(), null, 1);
  }

  private static List<List<Object>> contents(JdbcSink<?, ?> sink) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Connection c = Databases.pool(PG).getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, " + String.join(", ", COLUMNS) + ", wb_version FROM "
            + sink.table().table() + " ORDER BY id")) {
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= COLUMNS.length + 2; i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  @Test
  void arraysStoreWhatRowByRowBindingStores() throws SQLException {
    JdbcSink<Long, Wide> arrays = sink(true);
    JdbcSink<Long, Wide> rowByRow = sink(false);
    assertThat(arrays.apply(batch(5))).isEqualTo(4);
    assertThat(rowByRow.apply(batch(5))).isEqualTo(4);
    assertThat(contents(arrays)).hasSize(4).isEqualTo(contents(rowByRow));
    // the text with quotes, commas, braces and a backslash, and the word NULL, arrive as text
    assertThat(contents(arrays).get(1).get(1)).isEqualTo("quote\" comma, brace} back\\slash");
    assertThat(contents(arrays).get(2).get(1)).isEqualTo("NULL");
    assertThat(contents(arrays).get(2).get(2)).isNull();
  }

  @Test
  void theCountIsWhatChanged() throws SQLException {
    JdbcSink<Long, Wide> sink = sink(true);
    assertThat(sink.apply(batch(5))).isEqualTo(4);
    assertThat(sink.apply(batch(5))).isZero();
    assertThat(sink.apply(batch(4))).isZero();
    List<SinkRecord<Long, Wide>> mixed = new ArrayList<>(batch(6).subList(0, 2));
    mixed.addAll(batch(3).subList(2, 4));
    assertThat(sink.apply(mixed)).isEqualTo(2);
    assertThat(contents(sink)).extracting(r -> r.get(COLUMNS.length + 1)).containsExactly("6", "6", "5", "5");
  }

  @Test
  void tooLongATextIsRejectedAsWhenBound() throws SQLException {
    JdbcSink<Long, Wide> sink = sink(true);
    List<SinkRecord<Long, Wide>> b = batch(5);
    b.set(0, put(1, new Wide("forty-one characters, which is one too many", 1, null, null, null, null, null, null), 5));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> sink.apply(b))
        .isInstanceOf(SQLException.class).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22001");
    assertThat(contents(sink)).isEmpty();
  }

  @Test
  void aValueArraysCannotCarryGoesRowByRow() throws SQLException {
    String table = Databases.freshTable();
    tables.add(table);
    Databases.exec(PG, "CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, raw BYTEA, wb_version BIGINT NOT NULL)");
    RowBinder<Long, byte[]> bytes = new RowBinder<>() {
      @Override
      public void bindKey(PreparedStatement ps, int index, Long key) throws SQLException {
        ps.setLong(index, key);
      }

      @Override
      public void bindValues(PreparedStatement ps, int i, byte[] v) throws SQLException {
        ps.setBytes(i, v);
      }

      @Override
      public Object[] columnValues(byte[] v) {
        return new Object[] {v};
      }
    };
    JdbcSink<Long, byte[]> sink = JdbcSink.<Long, byte[]>builder().dataSource(Databases.pool(PG)).dialect(PG)
        .table(table).keyColumn("id").columns("raw").versionColumn("wb_version").binder(bytes).build();
    assertThat(sink.apply(List.of(new SinkRecord<>(1L, new byte[] {0, 1, 2}, 1, 0, null, 1)))).isEqualTo(1);
    try (Connection c = Databases.pool(PG).getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT raw FROM " + table)) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getBytes(1)).containsExactly(0, 1, 2);
    }
  }
}
