package io.writebehind.cli.demo;

import java.util.ArrayList;
import java.util.List;

/** A small boxed table; box-drawing characters on a Unicode terminal, +-| otherwise. */
final class TextTable {
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  TextTable(String... headers) {
    this.headers = List.of(headers);
  }

  TextTable row(String... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
    }
    rows.add(List.of(cells));
    return this;
  }

  List<String> render(Style style) {
    int[] w = new int[headers.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = Style.width(headers.get(i));
      for (List<String> r : rows) {
        w[i] = Math.max(w[i], Style.width(r.get(i)));
      }
    }
    boolean u = style.unicode();
    List<String> out = new ArrayList<>();
    out.add(rule(w, u ? "\u250C" : "+", u ? "\u252C" : "+", u ? "\u2510" : "+", u));
    out.add(line(headers.stream().map(style::bold).toList(), w, u));
    out.add(rule(w, u ? "\u251C" : "+", u ? "\u253C" : "+", u ? "\u2524" : "+", u));
    for (List<String> r : rows) {
      out.add(line(r, w, u));
    }
    out.add(rule(w, u ? "\u2514" : "+", u ? "\u2534" : "+", u ? "\u2518" : "+", u));
    return out;
  }

  private static String rule(int[] w, String left, String mid, String right, boolean u) {
    StringBuilder sb = new StringBuilder(left);
    for (int i = 0; i < w.length; i++) {
      sb.append((u ? "\u2500" : "-").repeat(w[i] + 2)).append(i == w.length - 1 ? right : mid);
    }
    return sb.toString();
  }

  private static String line(List<String> cells, int[] w, boolean u) {
    String bar = u ? "\u2502" : "|";
    StringBuilder sb = new StringBuilder(bar);
    for (int i = 0; i < w.length; i++) {
      String c = cells.get(i);
      sb.append(' ').append(c).append(" ".repeat(w[i] - Style.width(c))).append(' ').append(bar);
    }
    return sb.toString();
  }
}
