package io.writebehind.bench.measure;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A measure's timed rounds of {@code rows} rows each, in the order they ran (a drain's, an
 * ingest's); the figure reported is their lower median.
 */
public record Rounds(int rows, List<Round> rounds) {
  /**
   * One timed round: its rate, whether Valkey rewrote its AOF meanwhile (a core taken for a
   * while), and the CPU each component spent on it.
   */
  public record Round(double rate, boolean aofRewrite, ComponentCpu.Spent cpu) {
    /** The same round, marked as one during which Valkey rewrote its AOF. */
    Round withAofRewrite(boolean rewrite) {
      return new Round(rate, rewrite, cpu);
    }
  }

  public double median() {
    return Medians.lower(rounds.stream().map(Round::rate).toList());
  }

  /** For unit "rows": "104,407 / 98,120 (AOF rewrite) / 110,002 rows/s (...); CPU per 100,000 rows, ...: Valkey ...". */
  public String describe(String unit) {
    String rates = rounds.stream().map(r -> String.format(Locale.ROOT, "%,.0f", r.rate())
            + (r.aofRewrite() ? " (AOF rewrite)" : ""))
        .collect(Collectors.joining(" / "));
    String per = rounds.stream().map(Round::cpu).reduce(ComponentCpu.Spent::plus)
        .map(c -> c.per100k((long) rows * rounds.size())).orElse("");
    return rates + " " + unit + "/s (the lower median is reported)"
        + (per.isEmpty() ? "" : "; CPU per 100,000 " + unit + ", those rounds together: " + per);
  }
}
