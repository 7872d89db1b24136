package io.writebehind.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads and writes the tombstones of one guarded table, inside the caller's transaction. */
final class Tombstones {
  /** Keeps IN lists well under every driver's parameter limit and the planner happy. */
  static final int CHUNK = 500;

  private final Dialect dialect;
  private final String tbl;
  private final TombstoneSql sql;

  Tombstones(Dialect dialect, String guardedTable, String tombstoneTable) {
    this.dialect = dialect;
    this.tbl = guardedTable;
    this.sql = new TombstoneSql(dialect, tombstoneTable);
  }

  TombstoneSql sql() {
    return sql;
  }

  void install(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql.createTable());
    }
  }

  /** Whether the guarded table has any tombstone; one index probe, whatever the batch size. */
  boolean any(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql.anyForTable())) {
      ps.setString(1, tbl);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** key text to tombstone version, for those keys that have one. */
  Map<String, Long> read(Connection c, List<String> keys) throws SQLException {
    return read(c, keys, true);
  }

  /**
   * Without the lock: taken after rows are locked it would invert the lock order and
   * deadlock with a batch that locked tombstones first.
   */
  Map<String, Long> readUnlocked(Connection c, List<String> keys) throws SQLException {
    return read(c, keys, false);
  }

  private Map<String, Long> read(Connection c, List<String> keys, boolean lock)
      throws SQLException {
    Map<String, Long> found = new HashMap<>();
    if (keys.isEmpty()) {
      return found;
    }
    if (dialect == Dialect.POSTGRESQL) {
      try (PreparedStatement ps = c.prepareStatement(lock ? sql.select(keys.size()) : sql.selectUnlocked(keys.size()))) {
        ps.setString(1, tbl);
        ps.setArray(2, c.createArrayOf("varchar", keys.toArray()));
        collect(ps, found);
      }
      return found;
    }
    for (int from = 0; from < keys.size(); from += CHUNK) {
      List<String> chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
      try (PreparedStatement ps = c.prepareStatement(lock ? sql.select(chunk.size()) : sql.selectUnlocked(chunk.size()))) {
        ps.setString(1, tbl);
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 2, chunk.get(i));
        }
        collect(ps, found);
      }
    }
    return found;
  }

  private static void collect(PreparedStatement ps, Map<String, Long> into) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        into.put(rs.getString(1), rs.getLong(2));
      }
    }
  }

  /** Guarded tombstone upserts; returns the driver's per-entry counts. */
  int[] write(Connection c, List<String> keys, long[] versions) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql.upsert())) {
      for (int i = 0; i < keys.size(); i++) {
        ps.setString(1, tbl);
        ps.setString(2, keys.get(i));
        ps.setLong(3, versions[i]);
        ps.addBatch();
      }
      return ps.executeBatch();
    }
  }

  void deleteSuperseded(Connection c, List<String> keys, long[] versions) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql.deleteSuperseded())) {
      for (int i = 0; i < keys.size(); i++) {
        ps.setString(1, tbl);
        ps.setString(2, keys.get(i));
        ps.setLong(3, versions[i]);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** PostgreSQL: how many of the keys' tombstones this transaction wrote. */
  int countWrittenByThisTransaction(Connection c, List<String> keys) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql.countWrittenByThisTransaction())) {
      ps.setString(1, tbl);
      ps.setArray(2, c.createArrayOf("varchar", keys.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  int purgeOlderThan(Connection c, Instant cutoff) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql.purgeOlderThan())) {
      ps.setString(1, tbl);
      ps.setTimestamp(2, Timestamp.from(cutoff));
      return ps.executeUpdate();
    }
  }
}
