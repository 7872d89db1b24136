package io.writebehind.cli.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's screen: headings, panels, tables and, in interactive mode only, questions.
 * Non-interactive runs never touch stdin, so they work under CI, cron and pipes. Prose wider
 * than {@link #WIDTH} columns is word-wrapped, continuation lines indented under the text;
 * a line with a URL ("://") is printed whole, so it can be copied.
 */
final class Console {
  static final int WIDTH = 80;
  private static final Pattern WORD = Pattern.compile("( *)([^ ]+)");
  private static final String RESET = "\u001B[0m";
  /** A line's leading mark, its text indented under by continuation lines: OK, X, !, a bullet, an opening parenthesis. */
  private static final Pattern MARK = Pattern.compile("( *)((?:OK|X|!|-|\u2713|\u2717|\u26A0|\u2022) |\\()?");

  private final PrintStream out;
  private final Style style;
  private final boolean interactive;
  private BufferedReader in;
  private volatile boolean asking;
  private volatile List<String> interruptNote;
  private Thread interruptHook;

  Console(PrintStream out, Style style, boolean interactive) {
    this.out = out;
    this.style = style;
    this.interactive = interactive;
  }

  Style style() {
    return style;
  }

  PrintStream out() {
    return out;
  }

  boolean interactive() {
    return interactive;
  }

  /** A line of prose, wrapped at {@value #WIDTH} columns under its mark or indentation. */
  void println(String s) {
    wrap(s, hang(s)).forEach(out::println);
  }

  void println() {
    out.println();
  }

  void printf(String format, Object... args) {
    out.print(String.format(Locale.ROOT, format, args));
  }

  void indented(String s) {
    println("  " + s);
  }

  /** Where the data lives ({@code Session.describe()}), one server a line: a URL is as long as it is, the rest fits 80 columns. */
  void servers(String described) {
    for (String part : described.split(", (?=database )| \\(local: |; (?=PostgreSQL)")) {
      indented(part.endsWith("))") ? part.substring(0, part.length() - 1) : part);
    }
  }

  void bullet(String s) {
    println("  " + style.bullet() + " " + s);
  }

  void table(TextTable t) {
    for (String line : t.render(style)) {
      out.println("  " + line);
    }
  }

  /** A boxed block of lines, as the original opens its demo. */
  void panel(List<String> lines) {
    int w = lines.stream().mapToInt(Style::width).max().orElse(0);
    boolean u = style.unicode();
    out.println((u ? "\u256D" : "+") + (u ? "\u2500" : "-").repeat(w + 2) + (u ? "\u256E" : "+"));
    for (String l : lines) {
      out.println((u ? "\u2502 " : "| ") + l + " ".repeat(w - Style.width(l)) + (u ? " \u2502" : " |"));
    }
    out.println((u ? "\u2570" : "+") + (u ? "\u2500" : "-").repeat(w + 2) + (u ? "\u256F" : "+"));
  }

  void step(int n, String title) {
    out.println();
    String rule = (style.unicode() ? "\u2501" : "=").repeat(Math.max(10, 72));
    out.println(style.cyan(rule));
    out.println(style.bold(style.cyan("Step " + n + ": " + title)));
    out.println(style.cyan(rule));
  }

  void verbose(String label, String text) {
    wrap("    " + style.dim(label + " " + text), 4 + Style.width(label) + 1).forEach(out::println);
  }

  /** Where continuation lines of {@code s} start: under the text after its indentation and mark. */
  static int hang(String s) {
    Matcher m = MARK.matcher(Style.bare(s));
    m.lookingAt();
    return m.end();
  }

  /**
   * {@code s} word-wrapped at {@value #WIDTH} columns, continuation lines indented by
   * {@code hang}. Lines that fit, and lines with a URL, stay as they are; a word is never
   * split, runs of spaces inside a line are kept, and a colour open at a break is closed
   * there and opened again on the next line.
   */
  static List<String> wrap(String s, int hang) {
    if (Style.width(s) <= WIDTH || s.contains("://")) {
      return List.of(s);
    }
    int indent = Math.min(hang, WIDTH / 2);
    List<String> lines = new ArrayList<>();
    int lead = 0;
    while (lead < s.length() && s.charAt(lead) == ' ') {
      lead++;
    }
    StringBuilder line = new StringBuilder(s.substring(0, lead));
    int col = lead;
    boolean hasWord = false;
    String open = "";
    Matcher w = WORD.matcher(s).region(lead, s.length());
    while (w.find()) {
      String gap = w.group(1);
      String word = w.group(2);
      int width = Style.width(word);
      if (hasWord && width > 0 && col + gap.length() + width > WIDTH) {
        lines.add(line + (open.isEmpty() ? "" : RESET));
        line = new StringBuilder(" ".repeat(indent)).append(open);
        col = indent;
      } else {
        line.append(gap);
        col += gap.length();
      }
      line.append(word);
      col += width;
      hasWord |= width > 0;
      Matcher codes = Style.ANSI.matcher(word);
      while (codes.find()) {
        open = codes.group(1).equals("0") || codes.group(1).isEmpty() ? "" : open + codes.group();
      }
    }
    lines.add(line.toString());
    return lines;
  }

  /** Yes/no question; only asked in interactive mode (true otherwise). EOF or anything but yes is no. */
  boolean confirm(String question, boolean defaultYes) {
    if (!interactive) {
      return true;
    }
    String answer = ask(question + (defaultYes ? " [Y/n]: " : " [y/N]: "));
    if (answer == null) {
      out.println();
      return false;
    }
    answer = answer.strip().toLowerCase(Locale.ROOT);
    return answer.isEmpty() ? defaultYes : answer.startsWith("y");
  }

  /** One line of input after a prompt, or null on EOF; interactive mode only. */
  String ask(String prompt) {
    if (!interactive) {
      throw new IllegalStateException("a non-interactive demo never reads stdin");
    }
    out.print(style.bold(prompt));
    out.flush();
    try {
      if (in == null) {
        // Read from whatever System.in is now, so an in-process test can feed answers.
        in = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()));
      }
      asking = true;
      return in.readLine();
    } catch (IOException e) {
      return null;
    } finally {
      asking = false;
    }
  }

  /**
   * What to print when Ctrl-C ends the demo at a prompt: the same as answering "no" there,
   * so the user learns what was left (the JVM still exits with the signal's status).
   */
  synchronized void onInterruptAtPrompt(List<String> note) {
    this.interruptNote = note;
    if (interruptHook == null && interactive) {
      interruptHook = new Thread(() -> {
        List<String> lines = interruptNote;
        if (asking && lines != null) {
          out.println();
          lines.forEach(this::println);
          out.flush();
        }
      }, "demo-interrupt-note");
      Runtime.getRuntime().addShutdownHook(interruptHook);
    }
  }

  /** Removes the Ctrl-C note: the demo is over, so a later signal has nothing to explain. */
  synchronized void close() {
    if (interruptHook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(interruptHook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or about to: let it
      }
      interruptHook = null;
    }
  }
}
