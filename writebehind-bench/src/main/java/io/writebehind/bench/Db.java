package io.writebehind.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/** Small JDBC helpers the measurements share; IN lists rather than arrays so MariaDB works too. */
public final class Db {
  private static final int CHUNK = 1000;

  private Db() {}

  public static int update(DataSource ds, String sql, Object... args) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      int n = ps.executeUpdate();
      if (!c.getAutoCommit()) {
        c.commit();
      }
      return n;
    }
  }

  public static long queryLong(DataSource ds, String sql, Object... args) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * Which of the keys the query finds; {@code sqlHead} ends with {@code IN} and selects one
   * bigint column, e.g. {@code SELECT id FROM t WHERE id IN}.
   */
  public static Set<Long> present(Connection c, String sqlHead, List<Long> keys) throws SQLException {
    Set<Long> found = new HashSet<>();
    for (int from = 0; from < keys.size(); from += CHUNK) {
      List<Long> chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
      StringBuilder sql = new StringBuilder(sqlHead).append(" (");
      for (int i = 0; i < chunk.size(); i++) {
        sql.append(i == 0 ? "?" : ",?");
      }
      sql.append(')');
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setLong(i + 1, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            found.add(rs.getLong(1));
          }
        }
      }
    }
    return found;
  }
}
