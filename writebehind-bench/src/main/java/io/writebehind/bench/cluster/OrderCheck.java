package io.writebehind.bench.cluster;

import io.writebehind.bench.Db;
import io.writebehind.bench.Payloads;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Per-key order, seen from the database. While the workers drain, a statement trigger logs
 * every update that replaces a row's payload with one of a lower sequence number (an older
 * write of the key: workers in several processes handing partitions over must never let
 * one land after a newer one). At the end every key must hold its last version. The
 * trigger runs once per batch statement, over the rows the statement updated; its cost is
 * in the PostgreSQL figures.
 */
final class OrderCheck {
  private OrderCheck() {}

  /** The sequence number of a payload column, in SQL (see {@link Payloads}). */
  private static String seq(String column) {
    return "split_part(substr(" + column + ", 5), ';', 1)::bigint";
  }

  static void install(DataSource db, String table) throws Exception {
    String log = table + "_regressions";
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + log + " (id BIGINT, old_seq BIGINT, new_seq BIGINT)");
      s.execute("CREATE FUNCTION " + table + "_order() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
          + "INSERT INTO " + log + " SELECT o.id, " + seq("o.payload") + ", " + seq("n.payload")
          + " FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE " + seq("n.payload") + " < " + seq("o.payload") + "; "
          + "RETURN NULL; END $$");
      s.execute("CREATE TRIGGER " + table + "_order AFTER UPDATE ON " + table
          + " REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION " + table + "_order()");
    }
  }

  /**
   * Row updates the table has seen, so the report shows what the trigger had to check: a
   * key's versions read in one batch are folded into one row write, only those in later
   * batches update. From PostgreSQL's statistics, which lag by up to a second or so.
   */
  static long updates(DataSource db, String table) throws Exception {
    return Db.queryLong(db, "SELECT n_tup_upd FROM pg_stat_user_tables WHERE relid = CAST(? AS regclass)", table);
  }

  static long regressions(DataSource db, String table) throws Exception {
    return Db.queryLong(db, "SELECT COUNT(*) FROM " + table + "_regressions");
  }

  /** Keys in [from, from + keys) whose row is missing or does not hold {@code lastSeq}. */
  static long keysBehind(DataSource db, String table, long from, int keys, long lastSeq) throws Exception {
    long atLast = 0;
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT payload FROM " + table + " WHERE id >= ? AND id < ?")) {
      ps.setLong(1, from);
      ps.setLong(2, from + keys);
      ps.setFetchSize(5000);
      c.setAutoCommit(false); // a cursor, not every row in memory at once
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (Payloads.seq(rs.getString(1)) == lastSeq) {
            atLast++;
          }
        }
      } finally {
        c.rollback();
        c.setAutoCommit(true);
      }
    }
    return keys - atLast;
  }
}
