package io.writebehind.jdbc;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Checks, once when a sink is built, that the guarded table has every column the spec names
 * and a version column that holds a signed 64-bit integer. Without it a missing column fails
 * every batch the same way and the worker retries it forever. One probe, {@code SELECT * ...
 * WHERE 1 = 0}, whose result metadata lists the columns with their types.
 *
 * <p>The version column may be nullable: NULL is older than every write ({@link VersionGuard}).
 */
final class TableCheck {
  private TableCheck() {}

  private record Column(String name, int sqlType, String typeName, boolean signed) {
    boolean holdsSigned64() {
      return sqlType == Types.BIGINT && signed;
    }
  }

  /** Throws {@link IllegalStateException} naming the table and what is wrong with it. */
  static void require(DataSource dataSource, TableSpec spec) throws SQLException {
    Map<String, Column> columns = read(dataSource, spec);
    List<String> missing = new ArrayList<>();
    find(spec, columns, spec.keyColumn(), "the key column", missing);
    for (String c : spec.columns()) {
      find(spec, columns, c, "a value column", missing);
    }
    Column version = find(spec, columns, spec.versionColumn(), "the version column", missing);
    if (!missing.isEmpty()) {
      throw new IllegalStateException("table " + spec.table() + " has no column "
          + String.join(", no column ", missing) + "; its columns are "
          + columns.values().stream().map(Column::name).toList());
    }
    if (!version.holdsSigned64()) {
      throw new IllegalStateException("version column " + spec.versionColumn() + " of table "
          + spec.table() + " must hold a signed 64-bit integer (BIGINT), is " + version.typeName());
    }
  }

  private static Map<String, Column> read(DataSource dataSource, TableSpec spec)
      throws SQLException {
    return Transactions.inTransaction(dataSource, c -> {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT * FROM " + spec.quotedTable() + " WHERE 1 = 0")) {
        ResultSetMetaData md = rs.getMetaData();
        Map<String, Column> columns = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          Column col = new Column(md.getColumnName(i), md.getColumnType(i),
              md.getColumnTypeName(i), md.isSigned(i));
          columns.put(col.name(), col);
        }
        return columns;
      } catch (SQLException e) {
        // Class 42 is "no such table" or "no permission" in every supported database; other
        // failures (the connection) stay SQLExceptions, worth retrying.
        if (e.getSQLState() != null && e.getSQLState().startsWith("42")) {
          throw new IllegalStateException(
              "table " + spec.table() + " cannot be read: " + e.getMessage(), e);
        }
        throw e;
      }
    });
  }

  /**
   * The column the sink will write. The sink quotes names, so PostgreSQL and H2 match them
   * exactly; MariaDB compares column names without case.
   */
  private static Column find(TableSpec spec, Map<String, Column> columns, String name,
      String role, List<String> missing) {
    Column exact = columns.get(name);
    if (exact != null) {
      return exact;
    }
    Column other = columns.values().stream()
        .filter(c -> c.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
        .findFirst().orElse(null);
    if (other != null && spec.dialect() == Dialect.MARIADB) {
      return other;
    }
    missing.add(name + " (" + role + ")"
        + (other == null ? "" : " (names are quoted, so case matters: there is " + other.name() + ")"));
    return null;
  }
}
