package io.writebehind.internal.journal;

import java.nio.charset.StandardCharsets;

/** Reading the values Valkey returns (bytes, under our codec) as text and numbers. */
public final class Fields {
  private Fields() {}

  public static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** UTF-8 text of a reply value, or null. */
  public static String text(Object value) {
    if (value == null) {
      return null;
    }
    return value instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : value.toString();
  }

  /** As {@link #text}, with the empty string (an absent optional field) as null. */
  public static String textOrNull(Object value) {
    String s = text(value);
    return s == null || s.isEmpty() ? null : s;
  }

  /** A decimal field, 0 when absent or empty. */
  public static long number(Object value) {
    String s = textOrNull(value);
    return s == null ? 0 : Long.parseLong(s);
  }
}
