package io.writebehind.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TombstoneSqlTest {

  @Test
  void ddlPerDialect() {
    assertThat(new TombstoneSql(Dialect.POSTGRESQL, "wb_tombstone").createTable()).isEqualTo(
        "CREATE TABLE IF NOT EXISTS \"wb_tombstone\" (\"tbl\" VARCHAR(128) NOT NULL,"
            + " \"k\" VARCHAR(512) NOT NULL, \"version\" BIGINT NOT NULL,"
            + " \"deleted_at\" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,"
            + " PRIMARY KEY (\"tbl\", \"k\"))");
    assertThat(new TombstoneSql(Dialect.MARIADB, "wb_tombstone").createTable())
        .contains("`deleted_at` TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)")
        .contains("PRIMARY KEY (`tbl`, `k`)");
  }

  @Test
  void selectLocksAndUsesAnArrayOnPostgresql() {
    assertThat(new TombstoneSql(Dialect.POSTGRESQL, "wb_tombstone").select(3)).isEqualTo(
        "SELECT \"k\", \"version\" FROM \"wb_tombstone\" WHERE \"tbl\" = ? AND \"k\" = ANY(?) FOR UPDATE");
    assertThat(new TombstoneSql(Dialect.MARIADB, "wb_tombstone").select(2)).isEqualTo(
        "SELECT `k`, `version` FROM `wb_tombstone` WHERE `tbl` = ? AND `k` IN (?, ?) FOR UPDATE");
    assertThat(new TombstoneSql(Dialect.H2, "wb_tombstone").select(1)).endsWith("\"k\" IN (?)");
  }

  @Test
  void upsertIsGuarded() {
    assertThat(new TombstoneSql(Dialect.POSTGRESQL, "wb_tombstone").upsert()).isEqualTo(
        "INSERT INTO \"wb_tombstone\" (\"tbl\", \"k\", \"version\")"
            + " VALUES (?, ?, ?) ON CONFLICT (\"tbl\", \"k\") DO UPDATE SET"
            + " \"version\" = EXCLUDED.\"version\", \"deleted_at\" = CURRENT_TIMESTAMP"
            + " WHERE \"wb_tombstone\".\"version\" < EXCLUDED.\"version\"");
    String maria = new TombstoneSql(Dialect.MARIADB, "wb_tombstone").upsert();
    assertThat(maria).endsWith(
        "VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE `deleted_at` = IF(`version` < VALUES(`version`), CURRENT_TIMESTAMP(3), `deleted_at`),"
            + " `version` = GREATEST(`version`, VALUES(`version`))");
    assertThat(new TombstoneSql(Dialect.H2, "wb_tombstone").upsert())
        .contains("WHEN MATCHED AND \"wb_t\".\"version\" < \"wb_s\".\"version\"");
  }

  @Test
  void supersededAndPurge() {
    TombstoneSql s = new TombstoneSql(Dialect.MARIADB, "ops.wb_tombstone");
    assertThat(s.deleteSuperseded())
        .isEqualTo("DELETE FROM `ops`.`wb_tombstone` WHERE `tbl` = ? AND `k` = ? AND `version` < ?");
    assertThat(s.purgeOlderThan())
        .isEqualTo("DELETE FROM `ops`.`wb_tombstone` WHERE `tbl` = ? AND `deleted_at` < ?");
  }

  @Test
  void rejectsBadTableName() {
    assertThatThrownBy(() -> new TombstoneSql(Dialect.H2, "x; --"))
        .hasMessageContaining("tombstoneTable");
  }
}
