package io.writebehind.jdbc;

import java.util.regex.Pattern;

/**
 * SQL identifiers (tables, columns) are the only text the sinks put into SQL; values are
 * always bound. So identifiers are held to a strict shape instead of being escaped.
 */
public final class Identifiers {
  /** 63 characters: PostgreSQL's limit, the smallest of the supported databases. */
  private static final String PART = "[A-Za-z_][A-Za-z0-9_]{0,62}";

  private static final Pattern SIMPLE = Pattern.compile(PART);
  private static final Pattern QUALIFIED = Pattern.compile(PART + "(\\." + PART + ")?");

  private Identifiers() {}

  /** A column name; throws naming {@code field} and the rejected value. */
  public static String requireSimple(String field, String value) {
    if (value == null) {
      throw new NullPointerException(field + " must not be null");
    }
    if (!SIMPLE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          field + " must match " + PART + ", was '" + printable(value) + "'");
    }
    return value;
  }

  /** A table name, optionally {@code schema.table}; throws naming {@code field} and the value. */
  public static String requireQualified(String field, String value) {
    if (value == null) {
      throw new NullPointerException(field + " must not be null");
    }
    if (!QUALIFIED.matcher(value).matches()) {
      throw new IllegalArgumentException(
          field + " must match " + PART + " or schema.table of that form, was '"
              + printable(value) + "'");
    }
    return value;
  }

  /** The validated, possibly schema-qualified name in the dialect's quotes. */
  public static String quote(Dialect dialect, String qualifiedName) {
    requireQualified("identifier", qualifiedName);
    int dot = qualifiedName.indexOf('.');
    if (dot < 0) {
      return dialect.quotePart(qualifiedName);
    }
    return dialect.quotePart(qualifiedName.substring(0, dot)) + "."
        + dialect.quotePart(qualifiedName.substring(dot + 1));
  }

  /** Keeps a hostile value from spilling control characters or megabytes into logs. */
  private static String printable(String value) {
    String s = value.length() > 100 ? value.substring(0, 100) + "..." : value;
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      b.append(Character.isISOControl(c) ? '?' : c);
    }
    return b.toString();
  }
}
