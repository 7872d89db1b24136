package io.writebehind.jdbc;

import java.util.Objects;

/**
 * SQL for the tombstone side table: one row per deleted key of a guarded table, holding the
 * delete's version so that an older upsert arriving later cannot bring the row back.
 *
 * <p>Columns: {@code tbl} (the guarded table's name as configured), {@code k} (the key as
 * text), {@code version}, {@code deleted_at}. This table is the sink's own and its version is
 * NOT NULL, so its guards, unlike the guarded table's ({@link VersionGuard}), need no NULL case.
 */
public final class TombstoneSql {
  public static final String DEFAULT_TABLE = "wb_tombstone";

  private final Dialect dialect;
  private final String table;

  public TombstoneSql(Dialect dialect, String tombstoneTable) {
    this.dialect = Objects.requireNonNull(dialect, "dialect must not be null");
    Identifiers.requireQualified("tombstoneTable", tombstoneTable);
    this.table = Identifiers.quote(dialect, tombstoneTable);
  }

  private String q(String column) {
    return dialect.quotePart(column);
  }

  public String createTable() {
    String ts = dialect == Dialect.MARIADB ? "TIMESTAMP(3)" : "TIMESTAMP";
    return "CREATE TABLE IF NOT EXISTS " + table + " ("
        + q("tbl") + " VARCHAR(128) NOT NULL, "
        + q("k") + " VARCHAR(512) NOT NULL, "
        + q("version") + " BIGINT NOT NULL, "
        + q("deleted_at") + " " + ts + " NOT NULL DEFAULT CURRENT_TIMESTAMP"
        + (dialect == Dialect.MARIADB ? "(3)" : "") + ", "
        + "PRIMARY KEY (" + q("tbl") + ", " + q("k") + "))";
  }

  /**
   * The tombstones of some keys, locked so a concurrent delete cannot advance one between
   * this read and the upserts it filters. PostgreSQL: parameters {@code tbl}, a
   * text array; others: {@code tbl} and {@code n} keys.
   */
  public String select(int n) {
    return selectUnlocked(n) + RowSql.lockClause(dialect);
  }

  /** One row if the guarded table has any tombstone at all; parameter: tbl. */
  public String anyForTable() {
    return "SELECT 1 FROM " + table + " WHERE " + q("tbl") + " = ? LIMIT 1";
  }

  /** The same without a lock, for the re-check after the upserts (see GuardedBatch). */
  public String selectUnlocked(int n) {
    String head = "SELECT " + q("k") + ", " + q("version") + " FROM " + table + " WHERE "
        + q("tbl") + " = ? AND " + q("k");
    String in = dialect == Dialect.POSTGRESQL ? " = ANY(?)" : " IN (" + Placeholders.list(n) + ")";
    return head + in;
  }

  /**
   * Guarded upsert of one tombstone; parameters: tbl, k, version. {@code deleted_at} comes
   * from the column default on insert: a function call inside VALUES stops the MariaDB
   * driver from rewriting the batch correctly.
   */
  public String upsert() {
    String v = q("version");
    String at = q("deleted_at");
    String cols = "(" + q("tbl") + ", " + q("k") + ", " + v + ")";
    return switch (dialect) {
      case POSTGRESQL -> "INSERT INTO " + table + " " + cols + " VALUES (?, ?, ?)"
          + " ON CONFLICT (" + q("tbl") + ", " + q("k") + ") DO UPDATE SET "
          + v + " = EXCLUDED." + v + ", " + at + " = CURRENT_TIMESTAMP"
          + " WHERE " + table + "." + v + " < EXCLUDED." + v;
      // deleted_at first: it must compare against the version before it is raised.
      case MARIADB -> "INSERT INTO " + table + " " + cols + " VALUES (?, ?, ?)"
          + " ON DUPLICATE KEY UPDATE "
          + at + " = IF(" + v + " < VALUES(" + v + "), CURRENT_TIMESTAMP(3), " + at + "), "
          + v + " = GREATEST(" + v + ", VALUES(" + v + "))";
      case H2 -> "MERGE INTO " + table + " AS " + q("wb_t")
          + " USING (VALUES (?, ?, ?)) AS " + q("wb_s") + cols
          + " ON " + q("wb_t") + "." + q("tbl") + " = " + q("wb_s") + "." + q("tbl")
          + " AND " + q("wb_t") + "." + q("k") + " = " + q("wb_s") + "." + q("k")
          + " WHEN MATCHED AND " + q("wb_t") + "." + v + " < " + q("wb_s") + "." + v
          + " THEN UPDATE SET " + v + " = " + q("wb_s") + "." + v + ", " + at + " = CURRENT_TIMESTAMP"
          + " WHEN NOT MATCHED THEN INSERT " + cols + " VALUES (" + q("wb_s") + "." + q("tbl")
          + ", " + q("wb_s") + "." + q("k") + ", " + q("wb_s") + "." + v + ")";
    };
  }

  /**
   * Drops a tombstone a newer upsert has superseded; parameters: tbl, k, version of the
   * upsert. Safe because the row now carries a higher version, which guards by itself.
   */
  public String deleteSuperseded() {
    return "DELETE FROM " + table + " WHERE " + q("tbl") + " = ? AND " + q("k") + " = ? AND "
        + q("version") + " < ?";
  }

  /** Drops tombstones older than a time; parameters: tbl, cutoff timestamp. */
  public String purgeOlderThan() {
    return "DELETE FROM " + table + " WHERE " + q("tbl") + " = ? AND " + q("deleted_at") + " < ?";
  }

  /** PostgreSQL only: tombstones among the keys (text array) this transaction wrote. */
  public String countWrittenByThisTransaction() {
    if (dialect != Dialect.POSTGRESQL) {
      throw new IllegalArgumentException("xmin counting is PostgreSQL only, was " + dialect);
    }
    return "SELECT COUNT(*) FROM " + table + " WHERE " + q("tbl") + " = ? AND " + q("k")
        + " = ANY(?) AND " + RowSql.CURRENT_XMIN;
  }
}
