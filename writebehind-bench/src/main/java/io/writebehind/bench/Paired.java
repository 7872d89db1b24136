package io.writebehind.bench;

import io.writebehind.bench.events.EventFigures;
import io.writebehind.bench.events.EventsBench;
import io.writebehind.bench.measure.DrainRate;
import io.writebehind.bench.measure.Rounds;
import io.writebehind.bench.measure.WriteThroughput;
import io.writebehind.bench.systems.BenchSystem;
import io.writebehind.bench.systems.Systems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures a target holds ours to as a ratio of its floor, measured with both systems
 * open and their rounds alternated: the 64-writer throughput and the drain (the events'
 * batched appends and ingest). On this shared two-core machine the floor's own figures moved threefold
 * between runs; a ratio of two figures taken minutes apart carried that noise, one of
 * rounds taken side by side does not. The systems' other figures are measured each on its
 * own, as before, and skip what was measured here.
 */
final class Paired {
  record Pair(String floor, String ours) {}

  private static final List<Pair> ALL = List.of(new Pair(SystemNames.FLOOR, SystemNames.WRITEBEHIND),
      new Pair(SystemNames.COUNTERS_FLOOR, SystemNames.COUNTERS), new Pair(SystemNames.EVENTS_FLOOR, SystemNames.EVENTS));
  private static final int WRITERS = 64;

  private Paired() {}

  /** The pairs of which both systems were selected. */
  static List<Pair> in(List<String> systems) {
    return ALL.stream().filter(p -> systems.contains(p.floor()) && systems.contains(p.ours())).toList();
  }

  /** Each selected pair's side-by-side figures, by system name. */
  static Map<String, Figures> measure(List<String> systems, Fixture fixture, Progress progress) {
    Map<String, Figures> out = new LinkedHashMap<>();
    for (Pair p : in(systems)) {
      boolean events = EventsBench.applies(p.ours());
      Figures floor = events ? new EventFigures(p.floor()) : new Figures(p.floor());
      Figures ours = events ? new EventFigures(p.ours()) : new Figures(p.ours());
      out.put(p.floor(), floor);
      out.put(p.ours(), ours);
      progress.step(p.floor() + " + " + p.ours(), 2);
      Bench.attempt(fixture, ours, "side-by-side rounds with " + p.floor(), () -> {
        if (events) {
          EventsBench.measurePair((EventFigures) floor, (EventFigures) ours, fixture);
        } else {
          measure(floor, ours, fixture, progress);
        }
      });
      progress.done();
    }
    return out;
  }

  private static void measure(Figures floor, Figures ours, Fixture fixture, Progress progress) throws Exception {
    Plan plan = fixture.plan;
    try (BenchSystem a = Systems.open(floor.name, fixture); BenchSystem b = Systems.open(ours.name, fixture)) {
      double[] tput = WriteThroughput.interleaved(List.of(a, b), WRITERS, plan);
      floor.writeOpsPerSec64 = tput[0];
      ours.writeOpsPerSec64 = tput[1];
      floor.throughputByWriters.put(WRITERS, tput[0]);
      ours.throughputByWriters.put(WRITERS, tput[1]);
      progress.update(1);
      List<Rounds> drains = DrainRate.generic(List.of(a, b), fixture, plan.drainRows(), plan.rounds());
      List<Figures> both = List.of(floor, ours);
      for (int i = 0; i < 2; i++) {
        Figures f = both.get(i);
        f.drainRowsPerSec = drains.get(i).median();
        f.notes.add(String.format(Locale.ROOT, "%s: drain rounds of %,d rows, alternated with %s: %s; "
            + "64-writer rounds alternated too", f.name, plan.drainRows(),
            both.get(1 - i).name, drains.get(i).describe("rows")));
      }
      progress.update(2);
    }
  }
}
