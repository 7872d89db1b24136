package io.writebehind.cli;

import io.writebehind.jdbc.Dialect;
import io.writebehind.jdbc.JdbcUrls;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The servers' URLs: the flag, else the environment ({@code VALKEY_URL}, {@code DATABASE_URL};
 * empty counts as unset), else null for the local server. Each URL is checked here, before
 * a local server starts or anything is contacted, so that a typo is one line and exit 2.
 *
 * <p>Every URL seen is remembered, and {@link #scrub} takes its secrets out of any text
 * about to be printed: drivers and clients put URLs in their exception messages, and
 * "passwords are never printed" must hold for those too. Printing a URL on purpose goes
 * through {@link #redact}.
 */
public final class ServerUrls {
  private static final Set<String> VALKEY_SCHEMES = Set.of("redis", "rediss", "valkey", "valkeys");
  private static final Pattern SECRET_VALUE = Pattern.compile(
      "(?i)[?&;](?:[a-z0-9_.\\-]*pass(?:word|wd)?|pwd|[a-z0-9_.\\-]*secret|[a-z0-9_.\\-]*token)=([^&;]*)");
  /** Secrets shorter than this are not scrubbed from free text: it would garble every message. */
  private static final int MIN_SCRUBBED = 3;
  private static final List<String> REMEMBERED = new CopyOnWriteArrayList<>();

  private ServerUrls() {}

  /** The Valkey URL to use, checked; null when the local server is meant. */
  public static String valkey(String flag) {
    return checked(flag, "--valkey-url", "VALKEY_URL", true);
  }

  /** The database URL to use, checked and as the driver needs it; null when the local server is meant. */
  public static String database(String flag) {
    return checked(flag, "--database-url", "DATABASE_URL", false);
  }

  private static String checked(String flag, String option, String envName, boolean valkey) {
    String url;
    String source;
    if (flag != null) {
      remember(flag);
      if (flag.isBlank()) {
        throw CliException.badInput(option + " is empty (leave it out to use $" + envName + " or the local server)");
      }
      url = flag;
      source = option;
    } else {
      String env = System.getenv(envName);
      if (env == null || env.isBlank()) {
        return null;
      }
      remember(env);
      url = env;
      source = "$" + envName;
    }
    return valkey ? checkValkey(url, source) : checkDatabase(url, source);
  }

  /** A Valkey URL Lettuce can read, or one line saying what is wrong with it (the URL redacted). */
  static String checkValkey(String url, String source) {
    String shown = redact(url);
    int sep = url.indexOf("://");
    if (sep < 0 || !VALKEY_SCHEMES.contains(url.substring(0, sep).toLowerCase(Locale.ROOT))) {
      // the value is shown only when it reads as a URL: a password pasted by mistake must not show
      throw CliException.badInput(source + " must be a redis://, rediss://, valkey:// or valkeys:// URL"
          + (sep < 0 ? "" : ", was " + shown));
    }
    checkAuthority(url, sep, source, shown, false);
    return url;
  }

  /**
   * A JDBC URL of a supported database whose host and port read, in the form the driver
   * takes ({@link JdbcUrls#forDriver}); else one line saying what is wrong (the URL redacted).
   */
  static String checkDatabase(String url, String source) {
    String shown = redact(url);
    try {
      Dialect.fromJdbcUrl(url);
    } catch (IllegalArgumentException e) {
      throw CliException.badInput(source + ": " + e.getMessage());
    }
    int sep = url.indexOf("://");
    if (sep >= 0) {
      checkAuthority(url, sep, source, shown, true);
    } else if (hasSpace(url)) {
      throw bad(source, shown, "a space or control character in it");
    }
    String forDriver = JdbcUrls.forDriver(url);
    try {
      DriverManager.getDriver(forDriver);
    } catch (SQLException e) {
      throw bad(source, shown, "no JDBC driver here takes it");
    }
    if (url.startsWith("jdbc:postgresql:") && org.postgresql.Driver.parseURL(forDriver, null) == null) {
      throw bad(source, shown, "the PostgreSQL driver cannot read it");
    }
    return forDriver;
  }

  /**
   * Checks what follows {@code ://}: user info without characters that end it early, hosts
   * (a JDBC URL may list several, comma-separated) and ports that are numbers.
   */
  private static void checkAuthority(String url, int sep, String source, String shown, boolean jdbc) {
    if (hasSpace(url)) {
      throw bad(source, shown, "a space or control character in it; percent-encode it (%20)");
    }
    String rest = url.substring(sep + 3);
    int end = indexOfAny(rest, "/?#");
    int at = rest.lastIndexOf('@', end < 0 ? rest.length() : end);
    int lastAt = rest.lastIndexOf('@');
    if (lastAt > at && rest.substring(0, lastAt).indexOf('=') < 0) {
      // an @ past a '/' or '?' with no parameter before it: a password holding / or ?
      throw bad(source, shown, PERCENT_ENCODE);
    }
    if (at >= 0 && rest.substring(0, at).indexOf('@') >= 0) {
      throw bad(source, shown, PERCENT_ENCODE);
    }
    if (jdbc && at >= 0) {
      // Neither driver reads user info there: pgjdbc takes it for the host, MariaDB's for a port.
      throw bad(source, shown, "a JDBC URL takes no user:password@; give them as ?user=...&password=...");
    }
    String authority = rest.substring(at + 1, end < 0 ? rest.length() : end);
    for (String hostPort : jdbc ? authority.split(",", -1) : new String[] {authority}) {
      checkHostPort(hostPort, source, shown, jdbc);
    }
  }

  private static final Pattern HOST_PORT = Pattern.compile("(\\[[^\\]]*\\]|[^:\\[\\]]*)(?::(.*))?");

  private static void checkHostPort(String hostPort, String source, String shown, boolean jdbc) {
    if (hostPort.startsWith("[") && hostPort.indexOf(']') < 0) {
      throw bad(source, shown, "the IPv6 address has no closing ']'");
    }
    Matcher m = HOST_PORT.matcher(hostPort);
    if (!m.matches()) {
      throw bad(source, shown, "cannot read its host and port");
    }
    if (m.group(1).isEmpty() && !jdbc) {
      throw bad(source, shown, "no host");
    }
    String port = m.group(2);
    if (port != null && !(port.isEmpty() && jdbc)) {
      int p = port.matches("\\d{1,5}") ? Integer.parseInt(port) : -1;
      if (p < 1 || p > 65535) {
        throw bad(source, shown, "port '" + port + "' is not a number from 1 to 65535");
      }
    }
  }

  private static final String PERCENT_ENCODE = "percent-encode / ? # @ in the password (%2F %3F %23 %40)";

  /** {@code <source> <redacted url>: <problem>}, exit 2. */
  private static CliException bad(String source, String shown, String problem) {
    return CliException.badInput(source + " " + shown + ": " + problem);
  }

  private static boolean hasSpace(String s) {
    return s.chars().anyMatch(c -> c <= ' ' || c == 0x7f);
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  /** The URL with its secrets masked (the whole user info, password parameters); unreadable ones are not shown. */
  public static String redact(String url) {
    return JdbcUrls.redact(url);
  }

  /**
   * Remembers a string that may be a URL with secrets (an argument, an environment value),
   * so that {@link #scrub} can take them out of messages. {@code --option=value} counts as
   * its value; strings that cannot be URLs (no {@code ://}, {@code jdbc:} or {@code @}) are ignored.
   */
  public static void remember(String s) {
    if (s == null || s.isEmpty() || REMEMBERED.contains(s)) {
      return;
    }
    if (s.startsWith("--") && s.indexOf('=') > 0) {
      remember(s.substring(s.indexOf('=') + 1));
      return;
    }
    if (s.contains("://") || s.regionMatches(true, 0, "jdbc:", 0, 5) || s.indexOf('@') >= 0) {
      REMEMBERED.add(s);
    }
  }

  /** {@code text} with every remembered URL redacted and its secrets masked, wherever they appear. */
  public static String scrub(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String url : REMEMBERED) {
      out = out.replace(url, redact(url));
    }
    for (String url : REMEMBERED) {
      for (String secret : secretsOf(url)) {
        out = out.replace(secret, "***");
      }
    }
    return out;
  }

  /**
   * The parts of a URL that are secret: its user info, the password in it and the pieces of
   * that password between / ? # @ (where a client's parser may have cut it), secret
   * parameters' values, and all of an unreadable URL after its scheme. Longest first.
   */
  static List<String> secretsOf(String url) {
    List<String> out = new ArrayList<>();
    int sep = url.indexOf("://");
    String rest = sep < 0 ? url : url.substring(sep + 3);
    int at = JdbcUrls.userInfoEnd(rest);
    if (at >= 0) {
      String userInfo = rest.substring(0, at);
      out.add(userInfo);
      int colon = userInfo.indexOf(':');
      if (colon >= 0) {
        String password = userInfo.substring(colon + 1);
        out.add(password);
        out.addAll(List.of(password.split("[/?#@]")));
      }
    }
    Matcher m = SECRET_VALUE.matcher(url);
    while (m.find()) {
      out.add(m.group(1));
    }
    if (!redact(url).equals(url) && redact(url).endsWith("...")) {
      out.add(rest); // unreadable: nothing after the scheme may show
    }
    out.removeIf(s -> s.length() < MIN_SCRUBBED);
    out.sort((a, b) -> b.length() - a.length());
    return out;
  }
}
