package io.writebehind.cli.demo;

import java.nio.charset.Charset;
import java.util.regex.Pattern;

/**
 * How the demo dresses its text. Colours and Unicode symbols only on a terminal without
 * NO_COLOR, so piped output and logs stay plain ASCII that any tool can grep.
 */
public final class Style {
  /** An escape code that sets colours or weight (SGR); its parameters in group 1. */
  static final Pattern ANSI = Pattern.compile("\u001B\\[([0-9;]*)m");

  private final boolean color;
  private final boolean unicode;

  Style(boolean color, boolean unicode) {
    this.color = color;
    this.unicode = unicode;
  }

  /** Fancy only on a terminal that can show it; plain when piped or NO_COLOR is set. */
  public static Style detect() {
    boolean terminal = System.console() != null && System.getenv("NO_COLOR") == null;
    return new Style(terminal, terminal && utf8Stdout());
  }

  public static Style plain() {
    return new Style(false, false);
  }

  // A terminal in a non-UTF-8 locale would print '?' for every symbol.
  private static boolean utf8Stdout() {
    String enc = System.getProperty("sun.stdout.encoding", System.getProperty("stdout.encoding"));
    Charset cs;
    try {
      cs = enc == null ? Charset.defaultCharset() : Charset.forName(enc);
    } catch (RuntimeException e) {
      return false;
    }
    return cs.name().toUpperCase().startsWith("UTF");
  }

  public boolean unicode() {
    return unicode;
  }

  public String ok() {
    return green(unicode ? "\u2713" : "OK");
  }

  public String bad() {
    return red(unicode ? "\u2717" : "X");
  }

  public String warnMark() {
    return yellow(unicode ? "\u26A0" : "!");
  }

  public String arrow() {
    return unicode ? "\u2192" : "->";
  }

  public String leftArrow() {
    return unicode ? "\u2190" : "<-";
  }

  public String bullet() {
    return unicode ? "\u2022" : "-";
  }

  public String times() {
    return unicode ? "\u00D7" : "x";
  }

  public String bold(String s) {
    return sgr("1", s);
  }

  public String dim(String s) {
    return sgr("2", s);
  }

  public String green(String s) {
    return sgr("32", s);
  }

  public String red(String s) {
    return sgr("31", s);
  }

  public String yellow(String s) {
    return sgr("33", s);
  }

  public String cyan(String s) {
    return sgr("36", s);
  }

  private String sgr(String code, String s) {
    return color ? "\u001B[" + code + "m" + s + "\u001B[0m" : s;
  }

  /** The width a string takes on screen: escape codes take none. */
  static int width(String s) {
    String bare = bare(s);
    return bare.codePointCount(0, bare.length());
  }

  /** {@code s} without its escape codes. */
  static String bare(String s) {
    return ANSI.matcher(s).replaceAll("");
  }
}
