package io.writebehind.cli.demo;

import io.writebehind.flights.Flight;
import java.util.List;

/**
 * The closing summary. Both write figures are measured here the same way, on another flight
 * (restored afterwards, its log rows deleted), so the comparison is this machine's and not
 * the document's.
 */
final class DemoSummary {
  private static final int SAMPLES = 5;

  private final DemoRun r;
  private final Measured m;

  DemoSummary(DemoRun run, Measured measured) {
    this.r = run;
    this.m = measured;
  }

  void print() throws Exception {
    Console c = r.console;
    Style s = r.style;
    c.println();
    c.println(s.bold(s.cyan("Summary")));
    PatternProbe probe = new PatternProbe(r.session, r.engine);
    List<Flight> others = probe.pickFlights(1, r.settings.flightId());
    if (others.isEmpty()) {
      c.println("(no other flight to measure write-through on; comparison skipped)");
    } else {
      long other = others.get(0).flightId();
      double writeBehind = Millis.median(probe.writeBehind(others, SAMPLES, r.settings.drainTimeout()));
      double writeThrough = Millis.median(probe.synchronous(others, SAMPLES, WriteThrough.CacheStep.SET));
      // Narrow enough for 80 columns: what each write waits for, and where the database write runs, get rows of their own.
      TextTable t = new TextTable("", "Write-Behind", "Write-Through");
      t.row("Write latency (median of " + SAMPLES + ")", s.bold(Millis.format(writeBehind)), Millis.format(writeThrough));
      t.row("A write waits for", "cache + queue", "database commit + cache");
      t.row("Consistency", "Eventual", "Strong");
      t.row("Database writes", "Batched", "Every write");
      t.row("Database writes run in", "the background", "the caller");
      c.table(t);
      c.println((writeBehind <= writeThrough ? s.ok() : s.bad()) + " Write speedup: " + s.bold(Millis.faster(writeThrough, writeBehind))
          + " than write-through");
      c.println(s.dim("  (measured just now on flight " + other + ", which is back to its original times)"));
    }
    c.println();
    c.println(s.bold("Key takeaways:"));
    c.bullet("Fast writes: the step 3 update returned in " + Millis.format(m.writeBehindMs) + ", without waiting for the database");
    if (m.missMs > 0) {
      c.bullet("Fast reads: cache hit " + Millis.format(m.hitMs) + " vs " + Millis.format(m.missMs) + " for the first read ("
          + Millis.faster(m.missMs, m.hitMs) + ")");
    } else {
      c.bullet("Fast reads: cache hit " + Millis.format(m.hitMs));
    }
    c.bullet("Eventual consistency: the database lagged until a worker ran; it drained the queue in " + Millis.format(m.drainMs));
    c.bullet("Nothing lost on the way: value and queue entry are written in one atomic step, the worker"
        + " acknowledges only after its commit, and versions keep replays from moving the database back");
    c.bullet("Trade-off: a window of inconsistency for write speed; watch it with 'writebehind status'");
    c.println();
    Load.note().ifPresent(n -> c.println(s.warnMark() + " " + n));
    c.println("All three patterns measured on this machine: writebehind compare");
  }
}
