package io.writebehind.jdbc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The shape of a guarded table: a key column, value columns, and the version column that
 * carries the guard. Every name is validated here, so SQL built from a spec is safe.
 */
public record TableSpec(
    Dialect dialect, String table, String keyColumn, List<String> columns, String versionColumn) {

  public TableSpec {
    Objects.requireNonNull(dialect, "dialect must not be null");
    Identifiers.requireQualified("table", table);
    Identifiers.requireSimple("keyColumn", keyColumn);
    Identifiers.requireSimple("versionColumn", versionColumn);
    Objects.requireNonNull(columns, "columns must not be null");
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("columns must name at least one value column, was []");
    }
    columns = List.copyOf(columns);
    // Databases fold or compare names case-insensitively in places; a clash there is a
    // column assigned twice, so reject it regardless of case.
    Set<String> seen = new HashSet<>();
    List<String> all = new ArrayList<>();
    all.add(keyColumn);
    all.addAll(columns);
    all.add(versionColumn);
    for (int i = 0; i < all.size(); i++) {
      String c = all.get(i);
      String field = i == 0 ? "keyColumn" : i == all.size() - 1 ? "versionColumn" : "columns";
      Identifiers.requireSimple(field, c);
      if (!seen.add(c.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            field + " '" + c + "' repeats a column already named (key " + keyColumn
                + ", columns " + columns + ", version " + versionColumn + ")");
      }
    }
  }

  String q(String identifier) {
    return Identifiers.quote(dialect, identifier);
  }

  String quotedTable() {
    return q(table);
  }
}
