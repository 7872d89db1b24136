package io.writebehind.bench;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on stderr, redrawn in place on a terminal and printed every few
 * seconds as plain lines when piped, so logs stay readable. (A copy of the CLI's: the
 * bench's jar does not contain the CLI.)
 */
final class ProgressBar {
  private final PrintStream out;
  private final String label;
  private final long total;
  private final boolean terminal;
  private final long started = System.nanoTime();
  private long lastDraw;

  ProgressBar(PrintStream out, String label, long total) {
    this.out = out;
    this.label = label;
    this.total = Math.max(1, total);
    this.terminal = System.console() != null && System.getenv("NO_PROGRESS") == null;
  }

  synchronized void update(long done) {
    long now = System.nanoTime();
    long every = terminal ? 100_000_000L : 2_000_000_000L;
    if (now - lastDraw < every && done < total) {
      return;
    }
    lastDraw = now;
    draw(done, now);
  }

  synchronized void finish(long done) {
    draw(done, System.nanoTime());
    if (terminal) {
      out.println();
    }
  }

  private void draw(long done, long now) {
    double seconds = Math.max(1e-9, (now - started) / 1e9);
    int width = 30;
    int filled = (int) Math.min(width, width * done / total);
    // A rate over the first few milliseconds says nothing (and reads as millions per second).
    String rate = seconds < 0.2 ? "" : String.format(Locale.ROOT, "  %,.0f/s", done / seconds);
    String line = String.format(Locale.ROOT, "%s [%s%s] %3d%% %,d/%,d%s",
        label, "#".repeat(filled), " ".repeat(width - filled), 100 * done / total, done, total, rate);
    if (terminal) {
      out.print("\r" + line);
    } else {
      out.println(line);
    }
    out.flush();
  }
}
