package io.writebehind.jdbc;

import java.nio.charset.StandardCharsets;

/**
 * Values in PostgreSQL's COPY text format: columns split by tabs, rows by newlines, NULL as
 * {@code \N}, and backslash, tab, newline and carriage return escaped in text. Numbers,
 * booleans, times ({@code java.time}'s ISO forms) and UUIDs are written as PostgreSQL reads
 * them; {@code byte[]} as bytea's hex form.
 */
final class CopyText {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private CopyText() {}

  /** Appends one value of a row. */
  static void append(StringBuilder out, Object value) {
    if (value == null) {
      out.append("\\N");
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof byte[] bytes) {
      // bytea's hex input, its backslash escaped for COPY: \\x0a1b...
      out.append("\\\\x");
      for (byte b : bytes) {
        out.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
      }
    } else {
      escape(out, value.toString());
    }
  }

  private static void escape(StringBuilder out, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
  }

  static byte[] bytes(StringBuilder rows) {
    return rows.toString().getBytes(StandardCharsets.UTF_8);
  }
}
