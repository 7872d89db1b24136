package io.writebehind.cli.chaos;

import java.time.Duration;
import java.util.Locale;

/**
 * The run's timeline on stderr, each line stamped with the seconds since the run began, so
 * that faults, progress and the drain can be read against each other; stdout keeps the report.
 */
final class EventLog {
  private final long startNanos;

  EventLog(long startNanos) {
    this.startNanos = startNanos;
  }

  void event(String what) {
    System.err.printf(Locale.ROOT, "[%6.1fs] %s%n", (System.nanoTime() - startNanos) / 1e9, what);
    System.err.flush();
  }

  static String human(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
