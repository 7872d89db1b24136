package io.writebehind.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The PostgreSQL types of a table's columns (a guarded table's, a counter table's), read once
 * from the catalog, for the statements that pass a whole batch as arrays and cast them back
 * to the column types.
 */
final class PgColumnTypes {
  /**
   * Type names go into SQL text, so only the shapes format_type gives for built-in types
   * pass ("bigint", "character varying", "timestamp with time zone"); anything else (quoted
   * or schema-qualified names) keeps the row-by-row statements.
   */
  private static final Pattern SAFE = Pattern.compile("[a-z][a-z0-9_ ]{0,60}");

  private final String quotedTable;
  /** Key column first, then the value columns. */
  private final List<String> names;
  /**
   * Key column first, then the value columns; empty when one of them is not usable. Without
   * the type modifier: a cast to varchar(10) would cut a longer text silently, where the
   * insert into the column rejects it, as a bound parameter would be.
   */
  private volatile List<String> types;

  PgColumnTypes(TableSpec spec) {
    this(spec.quotedTable(), names(spec));
  }

  /** The types of {@code names} (the key column first) of the table {@code quotedTable}. */
  PgColumnTypes(String quotedTable, List<String> names) {
    this.quotedTable = quotedTable;
    this.names = List.copyOf(names);
  }

  private static List<String> names(TableSpec spec) {
    List<String> names = new ArrayList<>();
    names.add(spec.keyColumn());
    names.addAll(spec.columns());
    return names;
  }

  /** The key column's type, or "" when it cannot be used in SQL text. */
  String keyType(Connection c) throws SQLException {
    List<String> t = all(c);
    return t.isEmpty() ? "" : t.get(0);
  }

  /** Key, then value columns in order; empty when any of them cannot be used. */
  List<String> all(Connection c) throws SQLException {
    List<String> t = types;
    if (t == null) {
      types = t = read(c);
    }
    return t;
  }

  private List<String> read(Connection c) throws SQLException {
    Map<String, String> byName = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT attname, format_type(atttypid, NULL) FROM pg_attribute"
            + " WHERE attrelid = CAST(? AS regclass) AND attnum > 0 AND NOT attisdropped")) {
      ps.setString(1, quotedTable);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          byName.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    List<String> out = new ArrayList<>();
    for (String n : names) {
      // The sink quotes every identifier, so the catalog's name matches exactly or not at all.
      String type = byName.get(n);
      if (type == null || !SAFE.matcher(type).matches()) {
        return List.of();
      }
      out.add(type);
    }
    return List.copyOf(out);
  }
}
