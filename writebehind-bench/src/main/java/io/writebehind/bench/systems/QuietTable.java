package io.writebehind.bench.systems;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import javax.sql.DataSource;

/** Waits until a table stops changing: for peers whose recovery has no "done" signal. */
final class QuietTable {
  private QuietTable() {}

  /** A generic table changes when its rows or their versions do. */
  static String versionsSql(String table) {
    return "SELECT COUNT(*), COALESCE(SUM(wb_version % 1000003), 0) FROM " + table;
  }

  /** A counter table changes when its rows or their totals do. */
  static String totalsSql(String table) {
    return "SELECT COUNT(*), COALESCE(SUM(n), 0) FROM " + table;
  }

  /** Returns once {@code fingerprintSql} (one row of two numbers) gave the same answer for {@code quietMillis}. */
  static void await(DataSource dataSource, String fingerprintSql, long quietMillis, long maxMillis) throws Exception {
    long deadline = System.currentTimeMillis() + maxMillis;
    String last = null;
    long since = System.currentTimeMillis();
    while (System.currentTimeMillis() < deadline) {
      String now = fingerprint(dataSource, fingerprintSql);
      if (!now.equals(last)) {
        last = now;
        since = System.currentTimeMillis();
      } else if (System.currentTimeMillis() - since >= quietMillis) {
        return;
      }
      Thread.sleep(200);
    }
  }

  private static String fingerprint(DataSource dataSource, String sql) throws Exception {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1) + ":" + rs.getLong(2);
    }
  }
}
