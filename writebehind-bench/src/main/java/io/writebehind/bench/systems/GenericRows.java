package io.writebehind.bench.systems;

import io.writebehind.jdbc.Dialect;
import io.writebehind.jdbc.KeyValueTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Plain JDBC on a generic table for the peers that have no sink of ours: the same guarded
 * upsert statement our sink runs (so the floor and the peers pay for the same SQL), and the
 * cache-miss load.
 */
public final class GenericRows {
  private final DataSource dataSource;
  private final String table;
  private final String upsertSql;

  public GenericRows(DataSource dataSource, Dialect dialect, String table) throws SQLException {
    this.dataSource = dataSource;
    this.table = table;
    this.upsertSql = KeyValueTable.sink(dataSource, dialect, table).upsertSql();
  }

  public String upsertSql() {
    return upsertSql;
  }

  /** Parameters: id, payload, version; one autocommitted statement is one transaction. */
  public void upsertOne(long key, String payload, long version) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(upsertSql)) {
      c.setAutoCommit(true);
      ps.setLong(1, key);
      ps.setString(2, payload);
      ps.setLong(3, version);
      ps.executeUpdate();
    }
  }

  /** Upserts rows in JDBC batches of {@code batch}, one commit per batch. */
  public void upsertBatches(long[] keys, String[] payloads, long[] versions, int batch) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(upsertSql)) {
        for (int i = 0; i < keys.length; i++) {
          ps.setLong(1, keys[i]);
          ps.setString(2, payloads[i]);
          ps.setLong(3, versions[i]);
          ps.addBatch();
          if ((i + 1) % batch == 0 || i == keys.length - 1) {
            ps.executeBatch();
            c.commit();
          }
        }
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  /** The stored payload, or null: what a cache miss loads. */
  public String load(long key) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT payload FROM " + table + " WHERE id = ?")) {
      ps.setLong(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }
}
