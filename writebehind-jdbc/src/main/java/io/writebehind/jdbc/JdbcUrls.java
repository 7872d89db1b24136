package io.writebehind.jdbc;

import java.util.regex.Pattern;

/** JDBC URL helpers: never print a password. */
public final class JdbcUrls {
  private static final Pattern PASSWORD_PARAM =
      Pattern.compile("(?i)(password=)[^&;]*");
  private static final Pattern USERINFO = Pattern.compile("(//[^/:@]+:)[^@/]*@");

  private JdbcUrls() {}

  /** The URL with any password replaced by {@code ***}, safe for logs and error messages. */
  public static String redact(String jdbcUrl) {
    if (jdbcUrl == null) {
      return "null";
    }
    String s = PASSWORD_PARAM.matcher(jdbcUrl).replaceAll("$1***");
    return USERINFO.matcher(s).replaceAll("$1***@");
  }
}
