package io.writebehind.cli.chaos;

import java.util.Locale;

/** The summary a chaos run ends with on stdout; its last line is the one scripts parse. */
final class ChaosReport {
  private ChaosReport() {}

  static void print(Ledger ledger, Writers writing, VersionSampler sampler, FaultCounts f, FinalCheck.Outcome outcome,
      long deadLetters, String flushProblem) {
    faults(f);
    System.out.printf(Locale.ROOT, "writes: %,d acknowledged, %,d failed (in doubt; %d of them ended up in the database)%s%n",
        ledger.acknowledged(), writing.errors(), outcome.inDoubtLanded(),
        writing.lastError() == null ? "" : "; last failure: " + writing.lastError());
    System.out.printf(Locale.ROOT, "window (acknowledged -> committed): p99 %,d ms, max %,d ms, from %,d database samples (%,d failed)%n",
        ledger.windowP99Millis(), ledger.windowMaxMillis(), sampler.samples(), sampler.failures());
    System.out.printf(Locale.ROOT, "check: %d flights, %d behind their acknowledged write, %d cached values differ from the database%s%n",
        outcome.checked(), outcome.lost(), outcome.cacheDiffers(), flushProblem == null ? "" : "; not drained: " + flushProblem);
    outcome.details().forEach(x -> System.out.println("  " + x));
    ledger.regressionDetails().forEach(x -> System.out.println("  regression: " + x));
    System.out.printf(Locale.ROOT, "acknowledged=%d lost=%d regressions=%d dead_letters=%d window_p99_ms=%d%n",
        ledger.acknowledged(), outcome.lost(), ledger.regressions(), deadLetters, ledger.windowP99Millis());
    System.out.flush();
  }

  /** The views workload's summary; its last line is {@code acknowledged=N lost=L double_applied=D ...}. */
  static void printViews(ViewWriters writing, FaultCounts f, ViewCheck.Outcome outcome, long deadLetters, String flushProblem) {
    faults(f);
    System.out.printf(Locale.ROOT, "increments: %,d acknowledged, %,d failed (%,d in doubt; %,d of them counted)%s%n",
        writing.acknowledged(), writing.errors(), writing.inDoubt(), outcome.inDoubtCounted(),
        writing.lastError() == null ? "" : "; last failure: " + writing.lastError());
    System.out.printf(Locale.ROOT, "check: %d flights, %,d views lost, %,d counted twice, %d cached totals differ from the database%s%n",
        outcome.checked(), outcome.lost(), outcome.doubleApplied(), outcome.cacheDiffers(),
        flushProblem == null ? "" : "; not drained: " + flushProblem);
    outcome.details().forEach(x -> System.out.println("  " + x));
    System.out.printf(Locale.ROOT, "acknowledged=%d lost=%d double_applied=%d in_doubt=%d dead_letters=%d%n",
        writing.acknowledged(), outcome.lost(), outcome.doubleApplied(), writing.inDoubt(), deadLetters);
    System.out.flush();
  }

  /** The events workload's summary; its last line is {@code acknowledged=N lost=L duplicated=D ...}. */
  static void printEvents(EventWriters writing, FaultCounts f, EventCheck.Outcome outcome, long deadLetters, String flushProblem) {
    faults(f);
    System.out.printf(Locale.ROOT, "appends: %,d acknowledged, %,d failed (%,d in doubt; %,d landed without a log line)%s%n",
        writing.acknowledged(), writing.errors(), writing.inDoubt(), outcome.unlogged(),
        writing.lastError() == null ? "" : "; last failure: " + writing.lastError());
    System.out.printf(Locale.ROOT, "check: %,d acknowledged events, %,d missing from flight_event, %,d rows beyond one per id%s%n",
        outcome.checked(), outcome.lost(), outcome.duplicated(), flushProblem == null ? "" : "; not drained: " + flushProblem);
    outcome.details().forEach(x -> System.out.println("  " + x));
    System.out.printf(Locale.ROOT, "acknowledged=%d lost=%d duplicated=%d in_doubt=%d in_doubt_landed=%d dead_letters=%d%n",
        writing.acknowledged(), outcome.lost(), outcome.duplicated(), writing.inDoubt(), outcome.unlogged(), deadLetters);
    System.out.flush();
  }

  private static void faults(FaultCounts f) {
    System.out.printf(Locale.ROOT, "faults: %d worker kills (kill -9), %d connection cuts (%d connections), %d database restarts, "
        + "%d Valkey restarts; %d worker exits replaced%n", f.kills, f.cuts, f.connectionsCut, f.dbRestarts, f.valkeyRestarts,
        f.unexpectedExits);
  }

  /**
   * One level and fault of {@code chaos --cluster}, ending with the line scripts parse:
   * {@code durability=L fault=F acknowledged=N lost=L regressions=R failed=F in_doubt_landed=U cache_differs=C}.
   */
  static void printCluster(String level, String fault, long acknowledged, long failed, FinalCheck.Outcome outcome, long regressions,
      String flushProblem) {
    outcome.details().forEach(x -> System.out.println("  " + x));
    if (flushProblem != null) {
      System.out.println("  not drained: " + flushProblem);
    }
    System.out.printf(Locale.ROOT, "durability=%s fault=%s acknowledged=%d lost=%d regressions=%d failed=%d in_doubt_landed=%d"
        + " cache_differs=%d%n", level, fault, acknowledged, outcome.lost(), regressions, failed, outcome.inDoubtLanded(),
        outcome.cacheDiffers());
    System.out.flush();
  }

  /** What the figures of {@code chaos --cluster} mean, printed after them. */
  static void printClusterNote() {
    System.out.println("lost: acknowledged writes whose version and times are not in the database after the drain (each flight is"
        + " written once per round of --keys, so every acknowledged write is checked); failed: writes not acknowledged (no"
        + " answer, or WAIT timed out), which may or may not be stored; exit 1 only when a replicas=N level lost a write, a"
        + " database version went back, or the workers did not drain: memory and aof promise nothing when a primary is lost.");
    System.out.flush();
  }
}
