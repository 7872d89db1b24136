package io.writebehind.cli.demo;

import java.util.Arrays;
import java.util.Locale;

/** Durations as the demo shows them: milliseconds with three decimals, as the document does. */
final class Millis {
  private Millis() {}

  static double of(long nanos) {
    return nanos / 1e6;
  }

  static double since(long startNanos) {
    return of(System.nanoTime() - startNanos);
  }

  static String format(double ms) {
    return String.format(Locale.ROOT, "%.3f ms", ms);
  }

  /** "20.6x"; a dash when the denominator is not positive. */
  static String ratio(double a, double b) {
    return b <= 0 ? "-" : String.format(Locale.ROOT, "%.1fx", a / b);
  }

  /** "20.6x faster", or honestly "2.0x slower" when the figures came out the other way. */
  static String faster(double slow, double fast) {
    if (slow <= 0 || fast <= 0) {
      return "-";
    }
    return slow >= fast ? ratio(slow, fast) + " faster" : ratio(fast, slow) + " slower";
  }

  static double median(double[] samples) {
    if (samples.length == 0) {
      return 0;
    }
    double[] s = samples.clone();
    Arrays.sort(s);
    int m = s.length / 2;
    return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
  }
}
