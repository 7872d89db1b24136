package io.writebehind.jdbc;

import java.util.regex.Pattern;

/** JDBC URL helpers: never print a password. */
public final class JdbcUrls {
  /** A URL's scheme chain: {@code redis:}, {@code jdbc:postgresql:}, {@code jdbc:h2:mem:}. */
  private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.\\-]*(:[A-Za-z][A-Za-z0-9+.\\-]*)*");
  /**
   * A parameter whose value is a secret, after {@code ?}, {@code &} or {@code ;}:
   * password, pass, passwd, pwd, sslpassword, trustStorePassword, a token, a secret.
   */
  private static final Pattern SECRET_PARAM = Pattern.compile(
      "(?i)([?&;](?:[a-z0-9_.\\-]*pass(?:word|wd)?|pwd|[a-z0-9_.\\-]*secret|[a-z0-9_.\\-]*token)=)[^&;]*");

  private JdbcUrls() {}

  /**
   * The URL with its secrets replaced by {@code ***}, safe for logs and error messages. Works
   * for any {@code scheme://[userinfo@]host...} URL (Valkey's too) and for JDBC URLs without
   * an authority: the whole user-info part goes (everything between {@code ://} and the last
   * {@code @} of the host part, so a password holding {@code /} or {@code @} goes with it),
   * and so do secret query parameters ({@code password}, {@code pwd}, {@code sslpassword}...).
   * A URL that cannot be read that way (a space in it, no scheme, an {@code @} where no user
   * info can be) is never echoed: everything after its scheme becomes {@code ...}.
   */
  public static String redact(String url) {
    if (url == null) {
      return "null";
    }
    int sep = url.indexOf("://");
    String scheme = sep < 0 ? schemeOf(url) : url.substring(0, sep);
    if (scheme == null || !SCHEME.matcher(scheme).matches() || url.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      return unreadable(url, sep);
    }
    if (sep < 0) {
      // jdbc:h2:mem:x;PASSWORD=..., jdbc:postgresql:db?password=...: no authority, so an @ is not user info
      return url.indexOf('@') >= 0 ? unreadable(url, sep) : SECRET_PARAM.matcher(url).replaceAll("$1***");
    }
    String rest = url.substring(sep + 3);
    int at = userInfoEnd(rest);
    String tail = at < 0 ? rest : rest.substring(at + 1);
    return scheme + "://" + (at < 0 ? "" : "***@") + SECRET_PARAM.matcher(tail).replaceAll("$1***");
  }

  /**
   * Where the user info of {@code rest} (a URL after {@code ://}) ends: the last {@code @}
   * before the query, or, when the query holds the only {@code @} and nothing before it looks
   * like a parameter, that one (a password with a raw {@code ?}); -1 when there is none.
   * What {@link #redact} masks; a caller that scrubs the same secrets elsewhere reads it here.
   */
  public static int userInfoEnd(String rest) {
    int query = indexOfAny(rest, "?;#");
    int before = rest.lastIndexOf('@', query < 0 ? rest.length() : query);
    if (before >= 0 && (query < 0 || before < query)) {
      return before;
    }
    int after = rest.lastIndexOf('@');
    if (after < 0) {
      return -1;
    }
    String candidate = rest.substring(0, after);
    return candidate.indexOf('=') < 0 && candidate.indexOf('&') < 0 ? after : -1;
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  /** The scheme chain of a URL without {@code //}: {@code jdbc:h2:mem:}; null when it has none. */
  private static String schemeOf(String url) {
    int colon = url.lastIndexOf(':', Math.max(0, indexOfAny(url, "?;@/") < 0 ? url.length() : indexOfAny(url, "?;@/")));
    return colon <= 0 ? null : url.substring(0, colon);
  }

  private static String unreadable(String url, int sep) {
    if (sep > 0 && SCHEME.matcher(url.substring(0, sep)).matches()) {
      return url.substring(0, sep) + "://...";
    }
    int colon = url.indexOf(':');
    if (colon > 0 && SCHEME.matcher(url.substring(0, colon)).matches()) {
      return url.substring(0, colon) + ":...";
    }
    return "...";
  }

  /**
   * The URL a driver on the class path accepts: MariaDB Connector/J 3 serves
   * {@code jdbc:mysql:} URLs only when they name {@code permitMysqlScheme}, so that one is
   * added; every other URL is returned as it is.
   */
  public static String forDriver(String jdbcUrl) {
    if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:mysql:") || jdbcUrl.contains("permitMysqlScheme")) {
      return jdbcUrl;
    }
    return jdbcUrl + (jdbcUrl.indexOf('?') >= 0 ? "&" : "?") + "permitMysqlScheme=true";
  }
}
