package io.writebehind.jdbc;

import static io.writebehind.jdbc.JdbcSinkIT.del;
import static io.writebehind.jdbc.JdbcSinkIT.put;
import static org.assertj.core.api.Assertions.assertThat;

import io.writebehind.jdbc.Databases.Row;
import io.writebehind.sink.SinkRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A table whose version column was added to existing rows ({@code ALTER TABLE ... ADD
 * wb_version BIGINT}), so every row holds NULL: NULL is older than every write. PostgreSQL
 * runs twice, through the array upsert and row by row.
 */
class NullVersionIT {
  private final List<Object[]> created = new ArrayList<>();

  static Stream<Arguments> paths() {
    return Stream.of(
        Arguments.of(Dialect.POSTGRESQL, true),
        Arguments.of(Dialect.POSTGRESQL, false),
        Arguments.of(Dialect.MARIADB, false),
        Arguments.of(Dialect.H2, false));
  }

  /** The key-value binder, without the values for PostgreSQL's array upsert. */
  private static final RowBinder<Long, String> ROW_BY_ROW = new RowBinder<>() {
    @Override
    public void bindKey(PreparedStatement ps, int index, Long key) throws SQLException {
      KeyValueTable.binder().bindKey(ps, index, key);
    }

    @Override
    public void bindValues(PreparedStatement ps, int firstIndex, String value) throws SQLException {
      KeyValueTable.binder().bindValues(ps, firstIndex, value);
    }
  };

  /** A table with rows 1..n holding "old", then the version column added: NULL in each. */
  private JdbcSink<Long, String> sinkOverNullVersions(Dialect d, boolean arrays, int n)
      throws SQLException {
    String table = Databases.freshTable();
    created.add(new Object[] {d, table});
    String t = Identifiers.quote(d, table);
    Databases.exec(d, "CREATE TABLE " + t + " (" + Identifiers.quote(d, "id") + " BIGINT PRIMARY KEY, "
        + Identifiers.quote(d, "payload") + " VARCHAR(100))");
    try (Connection c = Databases.pool(d).getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " VALUES (?, ?)")) {
      for (long k = 1; k <= n; k++) {
        ps.setLong(1, k);
        ps.setObject(2, "old", Types.VARCHAR);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    Databases.exec(d, "ALTER TABLE " + t + " ADD " + Identifiers.quote(d, "wb_version") + " BIGINT");
    assertThat(nullVersions(d, table)).isEqualTo(n);
    return JdbcSink.<Long, String>builder().dataSource(Databases.pool(d)).table(table)
        .columns("payload").binder(arrays ? KeyValueTable.binder() : ROW_BY_ROW).build();
  }

  private static int nullVersions(Dialect d, String table) throws SQLException {
    try (Connection c = Databases.pool(d).getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + Identifiers.quote(d, table)
            + " WHERE " + Identifiers.quote(d, "wb_version") + " IS NULL");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static Map<Long, Row> rows(JdbcSink<?, ?> sink) throws SQLException {
    return Databases.rows(sink.dialect(), sink.table().table());
  }

  @AfterEach
  void dropTables() throws SQLException {
    for (Object[] t : created) {
      Databases.drop((Dialect) t[0], (String) t[1]);
    }
  }

  @AfterAll
  static void closePools() {
    Databases.closeAll();
  }

  @ParameterizedTest(name = "{0}, arrays {1}")
  @MethodSource("paths")
  void upsertsOverNullVersionsTakeEffectAndCount(Dialect d, boolean arrays) throws SQLException {
    JdbcSink<Long, String> sink = sinkOverNullVersions(d, arrays, 300);
    List<SinkRecord<Long, String>> batch = new ArrayList<>();
    for (long k = 1; k <= 300; k++) {
      batch.add(put(k, "new-" + k, 5));
    }
    assertThat(sink.apply(batch)).isEqualTo(300);
    assertThat(nullVersions(d, sink.table().table())).isZero();
    assertThat(rows(sink)).hasSize(300).containsEntry(1L, new Row("new-1", 5))
        .containsEntry(300L, new Row("new-300", 5));

    // Now the row's version guards: the same batch and an older write change nothing.
    assertThat(sink.apply(batch)).isZero();
    assertThat(sink.apply(List.of(put(1, "older", 4)))).isZero();
    assertThat(rows(sink)).containsEntry(1L, new Row("new-1", 5));
  }

  @ParameterizedTest(name = "{0}, arrays {1}")
  @MethodSource("paths")
  void aDeleteRemovesANullVersionRowAndOlderUpsertsStayOut(Dialect d, boolean arrays)
      throws SQLException {
    JdbcSink<Long, String> sink = sinkOverNullVersions(d, arrays, 2);
    assertThat(sink.apply(List.of(del(1, 5)))).isEqualTo(1);
    assertThat(rows(sink)).containsOnlyKeys(2L);
    assertThat(Databases.tombstones(d, sink.table().table())).containsOnly(Map.entry("1", 5L));

    assertThat(sink.apply(List.of(put(1, "older", 4)))).isZero();
    assertThat(sink.apply(List.of(del(1, 3)))).isZero();
    assertThat(rows(sink)).containsOnlyKeys(2L);
    assertThat(sink.apply(List.of(put(1, "newer", 6)))).isEqualTo(1);
    assertThat(rows(sink)).containsEntry(1L, new Row("newer", 6));
    assertThat(nullVersions(d, sink.table().table())).isEqualTo(1);
  }
}
