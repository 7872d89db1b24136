package io.writebehind.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import javax.sql.DataSource;

/**
 * The common case: a table {@code (id BIGINT PRIMARY KEY, payload <text>, wb_version BIGINT
 * NOT NULL)} holding {@code Long -> String}. Used by tests, the benchmark and quick starts.
 */
public final class KeyValueTable {
  public static final String KEY_COLUMN = "id";
  public static final String PAYLOAD_COLUMN = "payload";
  public static final String VERSION_COLUMN = "wb_version";

  private static final RowBinder<Long, String> BINDER = new RowBinder<>() {
    @Override
    public void bindKey(PreparedStatement ps, int index, Long key) throws SQLException {
      ps.setLong(index, key);
    }

    @Override
    public void bindValues(PreparedStatement ps, int firstIndex, String value)
        throws SQLException {
      // setObject with an explicit type: H2 cannot infer a type for a bare VALUES parameter.
      ps.setObject(firstIndex, value, Types.VARCHAR);
    }

    @Override
    public Object[] columnValues(String value) {
      return new Object[] {value};
    }
  };

  private KeyValueTable() {}

  public static RowBinder<Long, String> binder() {
    return BINDER;
  }

  /** The CREATE TABLE IF NOT EXISTS statement; payload is unbounded text in every dialect. */
  public static String createSql(Dialect dialect, String table) {
    Identifiers.requireQualified("table", table);
    String payloadType = switch (dialect) {
      case POSTGRESQL -> "TEXT";
      case MARIADB -> "LONGTEXT";
      case H2 -> "CHARACTER VARYING";
    };
    return "CREATE TABLE IF NOT EXISTS " + Identifiers.quote(dialect, table) + " ("
        + Identifiers.quote(dialect, KEY_COLUMN) + " BIGINT PRIMARY KEY, "
        + Identifiers.quote(dialect, PAYLOAD_COLUMN) + " " + payloadType + ", "
        + Identifiers.quote(dialect, VERSION_COLUMN) + " BIGINT NOT NULL)";
  }

  /** Creates the table if it does not exist (it is not altered if it does). */
  public static void create(DataSource dataSource, Dialect dialect, String table)
      throws SQLException {
    String sql = createSql(dialect, table);
    Transactions.inTransaction(dataSource, c -> {
      try (Statement s = c.createStatement()) {
        return s.execute(sql);
      }
    });
  }

  /**
   * A sink for the table; creates the tombstone table too, if missing. Throws as
   * {@link JdbcSinkBuilder#build} does.
   */
  public static JdbcSink<Long, String> sink(DataSource dataSource, Dialect dialect, String table) {
    return builder(dataSource, table).dialect(dialect).build();
  }

  /** A sink with the dialect inferred from the data source. */
  public static JdbcSink<Long, String> sink(DataSource dataSource, String table) {
    return builder(dataSource, table).build();
  }

  static JdbcSinkBuilder<Long, String> builder(DataSource dataSource, String table) {
    return JdbcSink.<Long, String>builder()
        .dataSource(dataSource)
        .table(table)
        .keyColumn(KEY_COLUMN)
        .columns(PAYLOAD_COLUMN)
        .versionColumn(VERSION_COLUMN)
        .binder(BINDER);
  }
}
