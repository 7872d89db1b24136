package io.writebehind.jdbc;

/** The other statements a guarded table needs besides the upsert. */
public final class RowSql {
  private RowSql() {}

  /**
   * Guarded delete; parameters: key, version. Removes the row only if it is older (a NULL
   * version is, see {@link VersionGuard}).
   */
  public static String delete(TableSpec spec) {
    return "DELETE FROM " + spec.quotedTable() + " WHERE " + spec.q(spec.keyColumn())
        + " = ? AND " + VersionGuard.older(spec.q(spec.versionColumn()), "?");
  }

  /**
   * Removes a row a concurrent delete made stale; parameters: key, tombstone version. Undoes
   * an upsert that slipped in after that delete had removed the row.
   */
  public static String deleteNotNewerThan(TableSpec spec) {
    return "DELETE FROM " + spec.quotedTable() + " WHERE " + spec.q(spec.keyColumn())
        + " = ? AND " + VersionGuard.notNewer(spec.q(spec.versionColumn()), "?");
  }

  /**
   * How many of {@code n} (key, version) pairs the table holds exactly; parameters: key,
   * version, key, version, ... Used to count changes where the driver's counts say nothing.
   */
  public static String countAtVersion(TableSpec spec, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, was " + n);
    }
    String pair = "(" + spec.q(spec.keyColumn()) + " = ? AND " + spec.q(spec.versionColumn())
        + " = ?)";
    StringBuilder b = new StringBuilder("SELECT COUNT(*) FROM ").append(spec.quotedTable())
        .append(" WHERE ");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? pair : " OR " + pair);
    }
    return b.toString();
  }

  /**
   * PostgreSQL only: how many of {@code n} keys hold a row version written by the current
   * transaction (xmin). Rows the guard merely locked keep their old xmin, so this is exact.
   */
  public static String countWrittenByThisTransaction(TableSpec spec, int n) {
    if (spec.dialect() != Dialect.POSTGRESQL) {
      throw new IllegalArgumentException("xmin counting is PostgreSQL only, was " + spec.dialect());
    }
    return "SELECT COUNT(*) FROM " + spec.quotedTable() + " WHERE " + spec.q(spec.keyColumn())
        + " IN (" + Placeholders.list(n) + ") AND " + CURRENT_XMIN;
  }

  /** The same with the keys as one array parameter (text, cast to the key column's type). */
  public static String countWrittenByThisTransaction(TableSpec spec, String keyType) {
    if (spec.dialect() != Dialect.POSTGRESQL) {
      throw new IllegalArgumentException("xmin counting is PostgreSQL only, was " + spec.dialect());
    }
    return "SELECT COUNT(*) FROM " + spec.quotedTable() + " WHERE " + spec.q(spec.keyColumn())
        + " = ANY(CAST(? AS " + keyType + "[])) AND " + CURRENT_XMIN;
  }

  /** xmin is 32 bits, txid_current() carries the epoch above them; works since PostgreSQL 9. */
  static final String CURRENT_XMIN = "xmin::text = (txid_current() % 4294967296)::text";

  /**
   * Exclusive, not shared: the batch may go on to write the very tombstones it read, and two
   * transactions upgrading shared locks on one row deadlock each other.
   */
  static String lockClause(Dialect dialect) {
    return switch (dialect) {
      case POSTGRESQL, MARIADB -> " FOR UPDATE";
      // H2 has no shared row lock; it is embedded and single-process, where the race the
      // lock closes does not arise from zombie workers in other processes.
      case H2 -> "";
    };
  }
}
