package io.writebehind.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The version-guarded upsert of one row, per dialect. Parameters, in order: key, the value
 * columns, version.
 *
 * <p>PostgreSQL and MariaDB keep the plain {@code INSERT ... VALUES (...)} shape because that
 * is the only shape their drivers rewrite into multi-row statements.
 */
public final class UpsertSql {
  private UpsertSql() {}

  public static String of(TableSpec spec) {
    return switch (spec.dialect()) {
      case POSTGRESQL -> postgresql(spec);
      case MARIADB -> mariadb(spec);
      case H2 -> h2(spec);
    };
  }

  private static List<String> allColumns(TableSpec spec) {
    List<String> all = new ArrayList<>();
    all.add(spec.keyColumn());
    all.addAll(spec.columns());
    all.add(spec.versionColumn());
    return all;
  }

  private static String quotedList(TableSpec spec, List<String> names, String prefix) {
    return names.stream().map(n -> prefix + spec.q(n)).collect(Collectors.joining(", "));
  }

  private static String insertHead(TableSpec spec) {
    List<String> all = allColumns(spec);
    return "INSERT INTO " + spec.quotedTable() + " (" + quotedList(spec, all, "") + ") VALUES ("
        + Placeholders.list(all.size()) + ")";
  }

  private static String postgresql(TableSpec spec) {
    String version = spec.q(spec.versionColumn());
    StringBuilder set = new StringBuilder();
    for (String c : spec.columns()) {
      set.append(spec.q(c)).append(" = EXCLUDED.").append(spec.q(c)).append(", ");
    }
    set.append(version).append(" = EXCLUDED.").append(version);
    return insertHead(spec) + " ON CONFLICT (" + spec.q(spec.keyColumn()) + ") DO UPDATE SET "
        + set + " WHERE " + VersionGuard.older(spec.quotedTable() + "." + version, "EXCLUDED." + version);
  }

  private static String mariadb(TableSpec spec) {
    String version = spec.q(spec.versionColumn());
    StringBuilder set = new StringBuilder();
    // MariaDB evaluates assignments left to right against the row as updated so far: every
    // value column must test the old version, so the version is assigned last.
    String older = VersionGuard.older(version, "VALUES(" + version + ")");
    for (String c : spec.columns()) {
      String col = spec.q(c);
      set.append(col).append(" = IF(").append(older).append(", VALUES(").append(col).append("), ")
          .append(col).append("), ");
    }
    // Not GREATEST: it returns NULL when the stored version is NULL.
    set.append(version).append(" = IF(").append(older).append(", VALUES(").append(version)
        .append("), ").append(version).append(")");
    return insertHead(spec) + " ON DUPLICATE KEY UPDATE " + set;
  }

  private static String h2(TableSpec spec) {
    List<String> all = allColumns(spec);
    String t = spec.q("wb_t");
    String s = spec.q("wb_s");
    String version = spec.q(spec.versionColumn());
    StringBuilder set = new StringBuilder();
    for (String c : spec.columns()) {
      set.append(spec.q(c)).append(" = ").append(s).append('.').append(spec.q(c)).append(", ");
    }
    set.append(version).append(" = ").append(s).append('.').append(version);
    String key = spec.q(spec.keyColumn());
    return "MERGE INTO " + spec.quotedTable() + " AS " + t
        + " USING (VALUES (" + Placeholders.list(all.size()) + ")) AS " + s
        + "(" + quotedList(spec, all, "") + ")"
        + " ON " + t + "." + key + " = " + s + "." + key
        + " WHEN MATCHED AND " + VersionGuard.older(t + "." + version, s + "." + version)
        + " THEN UPDATE SET " + set
        + " WHEN NOT MATCHED THEN INSERT (" + quotedList(spec, all, "") + ") VALUES ("
        + quotedList(spec, all, s + ".") + ")";
  }
}
