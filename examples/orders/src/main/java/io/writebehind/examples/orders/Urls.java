package io.writebehind.examples.orders;

import java.util.regex.Pattern;

/** Where the servers are, and how the example prints that without passwords. */
final class Urls {
  private Urls() {}

  private static final Pattern PASSWORD_PARAMETER =
      Pattern.compile("(?i)([?&;][a-z]*(?:password|pwd)=)[^&;]*");

  /** The environment variable, or the default when it is unset or blank. */
  static String env(String name, String defaultValue) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? defaultValue : value.trim();
  }

  /**
   * The URL with the password of its user info ({@code redis://user:secret@host}, or
   * {@code redis://secret@host} for a password alone) and its password parameters
   * ({@code ?password=}, {@code sslpassword=}, {@code pwd=}) masked.
   */
  static String withoutPassword(String url) {
    String masked = PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
    int scheme = masked.indexOf("://");
    if (scheme < 0) {
      return masked;
    }
    int start = scheme + 3;
    int query = masked.indexOf('?', start);
    int at = masked.lastIndexOf('@', query < 0 ? masked.length() : query);
    if (at < start) {
      return masked;
    }
    String userInfo = masked.substring(start, at);
    int colon = userInfo.indexOf(':');
    String shown = colon < 0 ? "***" : userInfo.substring(0, colon) + ":***";
    return masked.substring(0, start) + shown + masked.substring(at);
  }

  /**
   * The exception on one line, for the example's exit message: its message, and its root
   * cause's when that says more.
   */
  static String oneLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String line = describe(e);
    String rootMessage = root.getMessage() == null ? "" : flat(root.getMessage());
    if (root != e && !line.contains(rootMessage)) {
      line += " (cause: " + describe(root) + ")";
    }
    return line.length() <= 500 ? line : line.substring(0, 497) + "...";
  }

  private static String describe(Throwable t) {
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + flat(t.getMessage()));
  }

  private static String flat(String s) {
    return s.replaceAll("\\s+", " ").trim();
  }
}
