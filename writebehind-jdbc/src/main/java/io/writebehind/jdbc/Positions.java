package io.writebehind.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.ArrayList;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The database's position per (namespace, partition): the newest journal entry, as a
 * version, whose effects it holds. Read under a row lock and moved with a compare-and-set in
 * the transaction that applies the entries, so the database is the authority on what it
 * has: a batch read twice, or by two workers, is applied once.
 */
final class Positions {
  /** The table's name unless the builder names another. */
  static final String DEFAULT_TABLE = "writebehind_positions";

  private final Dialect dialect;
  private final String table;

  Positions(Dialect dialect, String table) {
    this.dialect = dialect;
    this.table = Identifiers.quote(dialect, table);
  }

  String createTable() {
    return "CREATE TABLE IF NOT EXISTS " + table + " (namespace VARCHAR(64) NOT NULL, partition_no INT NOT NULL, "
        + "position BIGINT NOT NULL, PRIMARY KEY (namespace, partition_no))";
  }

  /**
   * Locks the partitions' positions (in partition order, so two transactions never wait on
   * each other crosswise) and returns them; a partition with no row yet gets one at 0. Must
   * be the transaction's first statement: when a row is missing, the transaction is rolled
   * back before the rows are inserted, because InnoDB's gap locks, taken by the locking read
   * of a missing row in two transactions at once, would deadlock both inserts.
   */
  Map<Integer, Long> lock(Connection c, String namespace, Collection<Integer> partitions) throws SQLException {
    Map<Integer, Long> found = select(c, namespace, partitions);
    if (found.size() < partitions.size()) {
      c.rollback();
      String insert = dialect == Dialect.MARIADB
          ? "INSERT IGNORE INTO " + table + " (namespace, partition_no, position) VALUES (?, ?, 0)"
          : "INSERT INTO " + table + " (namespace, partition_no, position) VALUES (?, ?, 0) ON CONFLICT DO NOTHING";
      try (PreparedStatement ps = c.prepareStatement(insert)) {
        for (int p : new TreeSet<>(partitions)) {
          if (!found.containsKey(p)) {
            ps.setString(1, namespace);
            ps.setInt(2, p);
            ps.addBatch();
          }
        }
        ps.executeBatch();
      }
      found = select(c, namespace, partitions);
    }
    return found;
  }

  /**
   * What a batch's runs may do once their positions are locked: {@code applying} the
   * partitions whose runs start at or before their position (with that position: entries up
   * to it are there already), {@code gaps} those whose runs start after it, {@code moves} each
   * position's compare-and-set (from, to) where the run ends past it.
   */
  record Plan(Map<Integer, Long> applying, Set<Integer> gaps, Map<Integer, long[]> moves) {}

  /** One run: its partition, where it starts after, and its last entry. */
  record Span(int partition, long after, long last) {}

  /** Locks the runs' positions ({@link #lock}) and sorts the runs into a {@link Plan}. */
  Plan plan(Connection c, String namespace, List<Span> runs) throws SQLException {
    List<Integer> parts = new ArrayList<>();
    runs.forEach(r -> parts.add(r.partition()));
    Map<Integer, Long> at = lock(c, namespace, parts);
    Map<Integer, Long> applying = new TreeMap<>();
    Set<Integer> gaps = new TreeSet<>();
    Map<Integer, long[]> moves = new TreeMap<>();
    for (Span run : runs) {
      long position = at.get(run.partition());
      if (run.after() > position) {
        gaps.add(run.partition());
        continue;
      }
      applying.put(run.partition(), position);
      if (run.last() > position) {
        moves.put(run.partition(), new long[] {position, run.last()});
      }
    }
    return new Plan(applying, gaps, moves);
  }

  private Map<Integer, Long> select(Connection c, String namespace, Collection<Integer> partitions) throws SQLException {
    StringBuilder in = new StringBuilder();
    for (int i = 0; i < partitions.size(); i++) {
      in.append(i == 0 ? "?" : ", ?");
    }
    String sql = "SELECT partition_no, position FROM " + table + " WHERE namespace = ? AND partition_no IN (" + in
        + ") ORDER BY partition_no FOR UPDATE";
    Map<Integer, Long> out = new TreeMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, namespace);
      int i = 2;
      for (int p : new TreeSet<>(partitions)) {
        ps.setInt(i++, p);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getInt(1), rs.getLong(2));
        }
      }
    }
    return out;
  }

  /** The partitions' positions read without locks, 0 for a partition without a row. */
  Map<Integer, Long> read(javax.sql.DataSource dataSource, String namespace, Collection<Integer> partitions) throws SQLException {
    Map<Integer, Long> out = new TreeMap<>();
    partitions.forEach(p -> out.put(p, 0L));
    if (partitions.isEmpty()) {
      return out;
    }
    StringBuilder in = new StringBuilder();
    for (int i = 0; i < partitions.size(); i++) {
      in.append(i == 0 ? "?" : ", ?");
    }
    String sql = "SELECT partition_no, position FROM " + table + " WHERE namespace = ? AND partition_no IN (" + in + ")";
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, namespace);
      int i = 2;
      for (int p : partitions) {
        ps.setInt(i++, p);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getInt(1), rs.getLong(2));
        }
      }
    }
    return out;
  }

  /** Moves each position from the value read to the new one; fails if any was not the value read. */
  void advance(Connection c, String namespace, Map<Integer, long[]> fromTo) throws SQLException {
    String sql = "UPDATE " + table + " SET position = ? WHERE namespace = ? AND partition_no = ? AND position = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (Map.Entry<Integer, long[]> e : fromTo.entrySet()) {
        ps.setLong(1, e.getValue()[1]);
        ps.setString(2, namespace);
        ps.setInt(3, e.getKey());
        ps.setLong(4, e.getValue()[0]);
        ps.addBatch();
      }
      int[] counts = ps.executeBatch();
      for (int n : counts) {
        if (n != 1 && n != PreparedStatement.SUCCESS_NO_INFO) {
          throw new SQLException("a position of namespace '" + namespace + "' moved under its lock", "40001");
        }
      }
    }
  }

  /**
   * {@code LEFT JOIN <table> alias} on a namespace and a partition bound as the statement's
   * first two parameters: a read of the position in the same statement (one snapshot) as
   * the rows it covers.
   */
  String joinOn(String alias) {
    return " LEFT JOIN " + table + " " + alias + " ON " + alias + ".namespace = ? AND " + alias + ".partition_no = ?";
  }
}
