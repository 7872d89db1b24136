package io.writebehind.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class UpsertSqlTest {

  private static TableSpec spec(Dialect d) {
    return new TableSpec(d, "t", "id", List.of("a", "b"), "wb_version");
  }

  @Test
  void postgresqlKeepsThePlainInsertShapeTheDriverRewrites() {
    assertThat(UpsertSql.of(spec(Dialect.POSTGRESQL))).isEqualTo(
        "INSERT INTO \"t\" (\"id\", \"a\", \"b\", \"wb_version\") VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (\"id\") DO UPDATE SET \"a\" = EXCLUDED.\"a\", \"b\" = EXCLUDED.\"b\","
            + " \"wb_version\" = EXCLUDED.\"wb_version\""
            + " WHERE (\"t\".\"wb_version\" IS NULL OR \"t\".\"wb_version\" < EXCLUDED.\"wb_version\")");
  }

  @Test
  void mariadbAssignsTheVersionLast() {
    String sql = UpsertSql.of(spec(Dialect.MARIADB));
    String older = "(`wb_version` IS NULL OR `wb_version` < VALUES(`wb_version`))";
    assertThat(sql).isEqualTo(
        "INSERT INTO `t` (`id`, `a`, `b`, `wb_version`) VALUES (?, ?, ?, ?)"
            + " ON DUPLICATE KEY UPDATE"
            + " `a` = IF(" + older + ", VALUES(`a`), `a`),"
            + " `b` = IF(" + older + ", VALUES(`b`), `b`),"
            + " `wb_version` = IF(" + older + ", VALUES(`wb_version`), `wb_version`)");
    assertThat(sql.lastIndexOf("`wb_version` = IF")).isGreaterThan(sql.lastIndexOf("`b` = IF"));
  }

  @Test
  void h2MergesWithTheGuardOnTheMatchedBranch() {
    assertThat(UpsertSql.of(spec(Dialect.H2))).isEqualTo(
        "MERGE INTO \"t\" AS \"wb_t\" USING (VALUES (?, ?, ?, ?)) AS \"wb_s\"(\"id\", \"a\", \"b\", \"wb_version\")"
            + " ON \"wb_t\".\"id\" = \"wb_s\".\"id\""
            + " WHEN MATCHED AND (\"wb_t\".\"wb_version\" IS NULL OR \"wb_t\".\"wb_version\" < \"wb_s\".\"wb_version\")"
            + " THEN UPDATE SET \"a\" = \"wb_s\".\"a\", \"b\" = \"wb_s\".\"b\", \"wb_version\" = \"wb_s\".\"wb_version\""
            + " WHEN NOT MATCHED THEN INSERT (\"id\", \"a\", \"b\", \"wb_version\")"
            + " VALUES (\"wb_s\".\"id\", \"wb_s\".\"a\", \"wb_s\".\"b\", \"wb_s\".\"wb_version\")");
  }

  @Test
  void schemaQualifiedTableIsQuotedPartByPart() {
    TableSpec s = new TableSpec(Dialect.POSTGRESQL, "app.t", "id", List.of("a"), "v");
    assertThat(UpsertSql.of(s)).startsWith("INSERT INTO \"app\".\"t\" (")
        .endsWith("WHERE (\"app\".\"t\".\"v\" IS NULL OR \"app\".\"t\".\"v\" < EXCLUDED.\"v\")");
  }

  @Test
  void guardedDeletesTakeANullVersionAsOlder() {
    assertThat(RowSql.delete(spec(Dialect.MARIADB)))
        .isEqualTo("DELETE FROM `t` WHERE `id` = ? AND (`wb_version` IS NULL OR `wb_version` < ?)");
    assertThat(RowSql.delete(spec(Dialect.POSTGRESQL)))
        .isEqualTo("DELETE FROM \"t\" WHERE \"id\" = ? AND (\"wb_version\" IS NULL OR \"wb_version\" < ?)");
    assertThat(RowSql.deleteNotNewerThan(spec(Dialect.H2)))
        .isEqualTo("DELETE FROM \"t\" WHERE \"id\" = ? AND (\"wb_version\" IS NULL OR \"wb_version\" <= ?)");
  }

  @Test
  void countQueries() {
    assertThat(RowSql.countAtVersion(spec(Dialect.MARIADB), 2)).isEqualTo(
        "SELECT COUNT(*) FROM `t` WHERE (`id` = ? AND `wb_version` = ?) OR (`id` = ? AND `wb_version` = ?)");
    assertThat(RowSql.countWrittenByThisTransaction(spec(Dialect.POSTGRESQL), 3)).isEqualTo(
        "SELECT COUNT(*) FROM \"t\" WHERE \"id\" IN (?, ?, ?)"
            + " AND xmin::text = (txid_current() % 4294967296)::text");
    assertThatThrownBy(() -> RowSql.countWrittenByThisTransaction(spec(Dialect.H2), 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void specRejectsRepeatedColumnsWhateverTheCase() {
    assertThatThrownBy(() -> new TableSpec(Dialect.H2, "t", "id", List.of("a", "ID"), "v"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("columns 'ID' repeats");
    assertThatThrownBy(() -> new TableSpec(Dialect.H2, "t", "id", List.of("a"), "A"))
        .hasMessageContaining("versionColumn 'A' repeats");
    assertThatThrownBy(() -> new TableSpec(Dialect.H2, "t", "id", List.of(), "v"))
        .hasMessageContaining("columns must name at least one");
  }
}
