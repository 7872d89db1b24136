package io.writebehind.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.writebehind.sink.SinkRecord;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which rows the PostgreSQL array upsert takes, and the statement it runs. */
class PgArrayUpsertTest {
  private static final TableSpec SPEC =
      new TableSpec(Dialect.POSTGRESQL, "app.kv", "id", List.of("payload"), "wb_version");

  private static <V> BatchEntry<Long, V> entry(long key, V value) {
    return new BatchEntry<>(new SinkRecord<>(key, value, 7, 0, null, 1), Long.toString(key));
  }

  @Test
  void theStatementCastsTextArraysToTheColumnTypesAndGuardsByVersion() {
    assertThat(PgArrayUpsert.build(SPEC, List.of("bigint", "text"))).isEqualTo(
        "INSERT INTO \"app\".\"kv\" (\"id\", \"payload\", \"wb_version\")"
            + " SELECT CAST(u.c0 AS bigint), CAST(u.c1 AS text), u.v"
            + " FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS bigint[])) AS u(c0, c1, v)"
            + " ON CONFLICT (\"id\") DO UPDATE SET \"payload\" = EXCLUDED.\"payload\", \"wb_version\" = EXCLUDED.\"wb_version\""
            + " WHERE (\"app\".\"kv\".\"wb_version\" IS NULL"
            + " OR \"app\".\"kv\".\"wb_version\" < EXCLUDED.\"wb_version\")");
  }

  @Test
  void keyValueRowsTravelAsText() {
    PgArrayUpsert<Long, String> up = new PgArrayUpsert<>(SPEC, KeyValueTable.binder(), null);
    String[][] cols = up.columns(List.of(entry(1, "a"), entry(2, "b")));
    assertThat(cols).isNotNull();
    assertThat(cols[0]).containsExactly("1", "2");
    assertThat(cols[1]).containsExactly("a", "b");
  }

  @Test
  void aBinderWithoutColumnValuesOrAnUnknownTypeGoesRowByRow() {
    RowBinder<Long, Object> noArrays = new RowBinder<>() {
      @Override
      public void bindKey(java.sql.PreparedStatement ps, int index, Long key) {}

      @Override
      public void bindValues(java.sql.PreparedStatement ps, int firstIndex, Object value) {}
    };
    assertThat(new PgArrayUpsert<>(SPEC, noArrays, null).columns(List.of(entry(1, "a")))).isNull();

    RowBinder<Long, Object> zoned = new RowBinder<>() {
      @Override
      public void bindKey(java.sql.PreparedStatement ps, int index, Long key) {}

      @Override
      public void bindValues(java.sql.PreparedStatement ps, int firstIndex, Object value) {}

      @Override
      public Object[] columnValues(Object value) {
        return new Object[] {value};
      }
    };
    // ZonedDateTime prints its zone id in brackets, which PostgreSQL does not parse
    assertThat(new PgArrayUpsert<>(SPEC, zoned, null).columns(List.of(entry(1, ZonedDateTime.now())))).isNull();
    assertThat(new PgArrayUpsert<>(SPEC, zoned, null).columns(List.of(entry(1, new byte[1])))).isNull();
    assertThat(new PgArrayUpsert<>(SPEC, zoned, null).columns(List.of(entry(1, (Object) null)))).isNotNull();
  }
}
