package io.writebehind.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * PostgreSQL: a batch's upserts as one statement over arrays, {@code INSERT ... SELECT FROM
 * unnest(...) ON CONFLICT ... WHERE (version IS NULL OR version < EXCLUDED.version)}. One
 * round trip and one plan for the whole batch, and its update count is exactly the rows
 * inserted or advanced, so no second query counts them. Each column travels as text and is
 * cast to the column's type.
 *
 * <p>Used when the binder offers {@link RowBinder#columnValues} and every key and value is
 * of a type whose {@code toString} PostgreSQL parses; otherwise the sink binds row by row.
 */
final class PgArrayUpsert<K, V> {
  /** Types whose toString is a literal PostgreSQL's input functions accept. */
  private static final Set<Class<?>> PLAIN = Set.of(String.class, Long.class, Integer.class, Short.class,
      Byte.class, BigDecimal.class, BigInteger.class, Double.class, Float.class, Boolean.class, UUID.class,
      LocalDate.class, LocalDateTime.class, LocalTime.class, OffsetDateTime.class, Instant.class);

  private final TableSpec spec;
  private final RowBinder<K, V> binder;
  private final PgColumnTypes types;
  private volatile String sql;

  PgArrayUpsert(TableSpec spec, RowBinder<K, V> binder, PgColumnTypes types) {
    this.spec = spec;
    this.binder = binder;
    this.types = types;
  }

  static boolean plain(Object o) {
    return o == null || PLAIN.contains(o.getClass());
  }

  /**
   * The column texts of the upserts, one array per column (key first), or null if a key or
   * value cannot travel as text.
   */
  String[][] columns(List<BatchEntry<K, V>> upserts) {
    int width = 1 + spec.columns().size();
    String[][] cols = new String[width][upserts.size()];
    for (int r = 0; r < upserts.size(); r++) {
      BatchEntry<K, V> e = upserts.get(r);
      if (e.key() == null || !plain(e.key())) {
        return null;
      }
      Object[] values = binder.columnValues(e.record().value());
      if (values == null || values.length != width - 1) {
        return null;
      }
      cols[0][r] = e.key().toString();
      for (int i = 0; i < values.length; i++) {
        if (!plain(values[i])) {
          return null;
        }
        cols[i + 1][r] = values[i] == null ? null : values[i].toString();
      }
    }
    return cols;
  }

  /** Runs the upsert; returns how many rows it inserted or advanced, or -1 if it cannot run here. */
  int apply(Connection c, List<BatchEntry<K, V>> upserts) throws SQLException {
    String statement = sql(c);
    String[][] cols = statement == null ? null : columns(upserts);
    if (cols == null) {
      return -1;
    }
    Long[] versions = new Long[upserts.size()];
    for (int r = 0; r < versions.length; r++) {
      versions[r] = upserts.get(r).version();
    }
    try (PreparedStatement ps = c.prepareStatement(statement)) {
      for (int i = 0; i < cols.length; i++) {
        ps.setArray(i + 1, c.createArrayOf("text", cols[i]));
      }
      ps.setArray(cols.length + 1, c.createArrayOf("int8", versions));
      return ps.executeUpdate();
    }
  }

  /** Null when a column's type cannot be named in SQL text. */
  private String sql(Connection c) throws SQLException {
    String s = sql;
    if (s == null) {
      List<String> t = types.all(c);
      if (t.isEmpty()) {
        return null;
      }
      sql = s = build(spec, t);
    }
    return s;
  }

  /** {@code types}: the key column's, then each value column's, as format_type names them. */
  static String build(TableSpec spec, List<String> types) {
    List<String> names = new java.util.ArrayList<>();
    names.add(spec.keyColumn());
    names.addAll(spec.columns());
    StringBuilder insertCols = new StringBuilder();
    StringBuilder select = new StringBuilder();
    StringBuilder unnest = new StringBuilder();
    StringBuilder alias = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      insertCols.append(spec.q(names.get(i))).append(", ");
      select.append("CAST(u.c").append(i).append(" AS ").append(types.get(i)).append("), ");
      unnest.append("CAST(? AS text[]), ");
      alias.append('c').append(i).append(", ");
    }
    String version = spec.q(spec.versionColumn());
    StringBuilder set = new StringBuilder();
    for (String col : spec.columns()) {
      set.append(spec.q(col)).append(" = EXCLUDED.").append(spec.q(col)).append(", ");
    }
    set.append(version).append(" = EXCLUDED.").append(version);
    return "INSERT INTO " + spec.quotedTable() + " (" + insertCols + version + ")"
        + " SELECT " + select + "u.v FROM unnest(" + unnest + "CAST(? AS bigint[])) AS u(" + alias + "v)"
        + " ON CONFLICT (" + spec.q(spec.keyColumn()) + ") DO UPDATE SET " + set
        + " WHERE " + VersionGuard.older(spec.quotedTable() + "." + version, "EXCLUDED." + version);
  }
}
