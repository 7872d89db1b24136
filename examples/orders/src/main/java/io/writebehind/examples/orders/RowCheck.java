package io.writebehind.examples.orders;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/** The example checking its own work: each order's row against what was written last. */
final class RowCheck {
  private RowCheck() {}

  /**
   * Prints a line per order, written value against row, and returns one sentence per row
   * that differs (none when the table holds what was written).
   */
  static List<String> compare(Map<Long, Order> written, LongFunction<Order> rows, PrintStream out) {
    List<String> mismatches = new ArrayList<>();
    out.println("Database  id    status                                     total");
    for (Map.Entry<Long, Order> e : written.entrySet()) {
      Order row = rows.apply(e.getKey());
      boolean same = e.getValue().equals(row);
      out.printf("          %-5d %-40s %8s  %s%n", e.getKey(),
          row == null ? "(no row)" : quoted(row.status()), row == null ? "" : money(row.totalCents()),
          same ? "ok" : "DIFFERS");
      if (!same) {
        mismatches.add("order " + e.getKey() + ": " + describe(row) + " in the table, "
            + describe(e.getValue()) + " written");
      }
    }
    if (mismatches.isEmpty()) {
      out.printf("OK        the %d rows match what was written%n", written.size());
    }
    return mismatches;
  }

  /** One line, whatever the status holds. */
  static String describe(Order order) {
    return order == null ? "no row" : quoted(order.status()) + " " + money(order.totalCents());
  }

  private static String quoted(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r") + '"';
  }

  private static String money(long cents) {
    return BigDecimal.valueOf(cents, 2).toPlainString();
  }
}
