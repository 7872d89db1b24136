package io.writebehind.bench.systems;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** Waits until a table stops changing: for peers whose recovery has no "done" signal. */
final class QuietTable {
  private QuietTable() {}

  static void await(GenericRows rows, String table, long quietMillis, long maxMillis) throws Exception {
    long deadline = System.currentTimeMillis() + maxMillis;
    String last = null;
    long since = System.currentTimeMillis();
    while (System.currentTimeMillis() < deadline) {
      String now = rows.fingerprint(table);
      if (!now.equals(last)) {
        last = now;
        since = System.currentTimeMillis();
      } else if (System.currentTimeMillis() - since >= quietMillis) {
        return;
      }
      Thread.sleep(200);
    }
  }

  static String fingerprint(Connection c, String table) throws Exception {
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(wb_version % 1000003), 0) FROM " + table);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1) + ":" + rs.getLong(2);
    }
  }
}
