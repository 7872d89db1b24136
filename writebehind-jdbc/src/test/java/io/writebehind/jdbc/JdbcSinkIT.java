package io.writebehind.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.writebehind.jdbc.Databases.Row;
import io.writebehind.sink.SinkRecord;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The guard against real PostgreSQL and MariaDB, and H2 in memory; a fresh table per test. */
class JdbcSinkIT {
  private final List<Object[]> created = new ArrayList<>();

  static SinkRecord<Long, String> put(long key, String value, long version) {
    return new SinkRecord<>(key, value, version, System.currentTimeMillis(), null, 1);
  }

  static SinkRecord<Long, String> del(long key, long version) {
    return new SinkRecord<>(key, null, version, System.currentTimeMillis(), null, 1);
  }

  private JdbcSink<Long, String> freshSink(Dialect d) throws SQLException {
    String table = Databases.freshTable();
    created.add(new Object[] {d, table});
    KeyValueTable.create(Databases.pool(d), d, table);
    return KeyValueTable.sink(Databases.pool(d), table);
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

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void dialectIsInferredFromTheConnection(Dialect d) throws SQLException {
    assertThat(freshSink(d).dialect()).isEqualTo(d);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void olderVersionLeavesTheRowUnchanged(Dialect d) throws SQLException {
    JdbcSink<Long, String> sink = freshSink(d);
    assertThat(sink.apply(List.of(put(1, "five", 5), put(2, "two", 2)))).isEqualTo(2);
    assertThat(sink.apply(List.of(put(1, "four", 4), put(2, "three", 3)))).isEqualTo(1);
    assertThat(sink.apply(List.of(put(1, "five again", 5)))).isZero();
    assertThat(rows(sink)).containsOnly(
        Map.entry(1L, new Row("five", 5)), Map.entry(2L, new Row("three", 3)));
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void sameBatchTwiceChangesNothingTheSecondTime(Dialect d) throws SQLException {
    JdbcSink<Long, String> sink = freshSink(d);
    sink.apply(List.of(put(3, "old", 1), put(4, "old", 1)));
    List<SinkRecord<Long, String>> batch = new ArrayList<>();
    for (long k = 1; k <= 20; k++) {
      batch.add(k == 3 || k == 4 || k == 20 ? del(k, 7) : put(k, "v7-" + k, 7));
    }
    assertThat(sink.apply(batch)).isEqualTo(20);
    Map<Long, Row> after = rows(sink);
    Map<String, Long> tombs = Databases.tombstones(d, sink.table().table());
    assertThat(sink.apply(batch)).isZero();
    assertThat(rows(sink)).isEqualTo(after).hasSize(17).doesNotContainKeys(3L, 4L, 20L);
    assertThat(Databases.tombstones(d, sink.table().table()))
        .isEqualTo(tombs).containsOnlyKeys("3", "4", "20");
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void deleteIsNotUndoneByAnOlderUpsert(Dialect d) throws SQLException {
    JdbcSink<Long, String> sink = freshSink(d);
    sink.apply(List.of(put(1, "three", 3)));
    assertThat(sink.apply(List.of(del(1, 5)))).isEqualTo(1);
    assertThat(sink.apply(List.of(put(1, "four", 4)))).isZero();
    assertThat(rows(sink)).isEmpty();
    assertThat(sink.apply(List.of(put(1, "six", 6)))).isEqualTo(1);
    assertThat(rows(sink)).containsOnly(Map.entry(1L, new Row("six", 6)));
    // The row's own version guards from now on; the tombstone is gone.
    assertThat(Databases.tombstones(d, sink.table().table())).isEmpty();
    assertThat(sink.apply(List.of(put(1, "four", 4), del(2, 1)))).isEqualTo(1);
    assertThat(rows(sink)).containsOnly(Map.entry(1L, new Row("six", 6)));
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void deleteOfAKeyNeverWrittenStillStopsOlderUpserts(Dialect d) throws SQLException {
    JdbcSink<Long, String> sink = freshSink(d);
    assertThat(sink.apply(List.of(del(42, 9)))).isEqualTo(1);
    assertThat(sink.apply(List.of(put(42, "eight", 8), put(43, "one", 1)))).isEqualTo(1);
    assertThat(sink.apply(List.of(put(42, "nine", 9)))).isZero();
    assertThat(rows(sink)).containsOnly(Map.entry(43L, new Row("one", 1)));
    assertThat(sink.apply(List.of(del(42, 8)))).isZero();
    assertThat(Databases.tombstones(d, sink.table().table())).containsOnly(Map.entry("42", 9L));
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aBatchOfAThousandCommitsAtomically(Dialect d) throws SQLException {
    String table = Databases.freshTable();
    created.add(new Object[] {d, table});
    Databases.createKeyValue(d, table, "VARCHAR(10)");
    JdbcSink<Long, String> sink = KeyValueTable.sink(Databases.pool(d), d, table);
    List<SinkRecord<Long, String>> seed = new ArrayList<>();
    for (long k = 1; k <= 100; k++) {
      seed.add(put(k, "old", 1));
    }
    assertThat(sink.apply(seed)).isEqualTo(100);
    Map<Long, Row> before = rows(sink);

    List<SinkRecord<Long, String>> batch = new ArrayList<>();
    for (long k = 1; k <= 1000; k++) {
      if (k <= 50) {
        batch.add(del(k, 2));
      } else if (k == 700) {
        batch.add(put(k, "far longer than ten characters", 2));
      } else {
        batch.add(put(k, "new", 2));
      }
    }
    assertThatThrownBy(() -> sink.apply(batch)).isInstanceOf(SQLException.class);
    assertThat(rows(sink)).isEqualTo(before);
    assertThat(Databases.tombstones(d, table)).isEmpty();

    // The same batch without the bad record goes through whole.
    batch.set(699, put(700, "new", 2));
    assertThat(sink.apply(batch)).isEqualTo(1000);
    assertThat(rows(sink)).hasSize(950).allSatisfy((k, r) -> assertThat(r).isEqualTo(new Row("new", 2)));
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void schemaQualifiedNamesAndInferredDialectWork(Dialect d) throws SQLException {
    String schema = d == Dialect.MARIADB ? "test" : "public";
    if (d == Dialect.H2) {
      schema = "PUBLIC";
    }
    String table = Databases.freshTable();
    created.add(new Object[] {d, table});
    KeyValueTable.create(Databases.pool(d), d, table);
    JdbcSink<Long, String> sink = JdbcSink.<Long, String>builder()
        .dataSource(Databases.pool(d)).table(schema + "." + table).columns("payload")
        .binder(KeyValueTable.binder()).build();
    assertThat(sink.apply(List.of(put(1, "a", 2), del(2, 2)))).isEqualTo(2);
    assertThat(sink.apply(List.of(put(1, "b", 1), put(2, "c", 1)))).isZero();
    assertThat(Databases.rows(d, table)).containsOnly(Map.entry(1L, new Row("a", 2)));
    Databases.drop(d, schema + "." + table);
  }
}
