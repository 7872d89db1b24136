package io.writebehind.bench.events;

import io.writebehind.bench.Fixture;
import io.writebehind.bench.measure.ComponentCpu;
import io.writebehind.bench.measure.RoundOrder;
import io.writebehind.bench.measure.Rounds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows per second into the table: a backlog prepared with nothing reaching the database
 * (ours: appended with no worker; the floor: rows in memory), then loaded and timed until
 * the load says it is done, and the table counted. The ingests of a system run in turn
 * within each round, so a comparison between them (text against binary COPY) sees the
 * machine in the same state; unrecorded loads first warm every path.
 */
final class IngestRate {
  /** An ingest slower than this runs one round: its figure is stable and rounds would dominate the run. */
  private static final double ONE_ROUND_SECONDS = 5;
  private static final int WARMUP_ROWS = 100_000;
  private static final int WARMUP_ROUNDS = 10;

  private IngestRate() {}

  /**
   * Every ingest of every system (one system, or ours and the floor's bare loads) once per
   * round, in A B then B A order ({@link RoundOrder}), so a ratio between them sees the
   * machine of the same minute. {@code warmup}: how long each ingest runs unrecorded first
   * (at most {@link #WARMUP_ROUNDS} loads). Returns each system's rounds by ingest, in the
   * order of {@code systems}.
   */
  static List<Map<String, Rounds>> run(List<EventSystem> systems, Fixture fixture, int rows, int rounds,
      Duration warmup) throws Exception {
    record Ingest(EventSystem system, EventSystem.Ingest ingest, Rounds rounds) {}
    List<Map<String, Rounds>> out = new ArrayList<>();
    List<Ingest> all = new ArrayList<>();
    for (EventSystem system : systems) {
      Map<String, Rounds> of = new LinkedHashMap<>();
      system.ingests().forEach((name, ingest) -> {
        Rounds r = new Rounds(rows, new ArrayList<>());
        of.put(name, r);
        all.add(new Ingest(system, ingest, r));
      });
      out.add(of);
    }
    for (Ingest t : all) {
      warm(t.system(), fixture, t.ingest(), Math.min(rows, WARMUP_ROWS), warmup.toMillis() / 1000.0);
    }
    for (int r = 0; r < rounds; r++) {
      boolean slow = false;
      for (int at : RoundOrder.of(all.size(), r)) {
        Ingest t = all.get(at);
        Rounds.Round round = time(t.system(), fixture, t.ingest(), rows, "ingest" + r);
        t.rounds().rounds().add(round);
        slow |= rows / round.rate() > ONE_ROUND_SECONDS;
      }
      if (slow) {
        break;
      }
    }
    return out;
  }

  /**
   * Unrecorded loads until the ingest has run {@code seconds} (at least one load, at most
   * {@link #WARMUP_ROUNDS}): a worker's drain path is cold when its first backlog comes, where
   * the floor's few lines are compiled within a load, and a production worker runs warm.
   */
  private static void warm(EventSystem system, Fixture fixture, EventSystem.Ingest ingest, int rows, double seconds)
      throws Exception {
    double spent = 0;
    for (int i = 0; i < WARMUP_ROUNDS && (i == 0 || spent < seconds); i++) {
      spent += rows / time(system, fixture, ingest, rows, "ingest-warmup" + i).rate();
    }
  }

  private static Rounds.Round time(EventSystem system, Fixture fixture, EventSystem.Ingest ingest, int rows, String phase)
      throws Exception {
    system.phase(phase);
    EventTable.truncate(fixture, system.table());
    ingest.prepare(rows);
    fixture.quiet().await();
    ComponentCpu.Sample before = fixture.cpu().sample();
    long t0 = System.nanoTime();
    ingest.load();
    double rate = rows / ((System.nanoTime() - t0) / 1e9);
    ComponentCpu.Spent cpu = fixture.cpu().between(before, fixture.cpu().sample());
    ingest.finish();
    long stored = EventTable.count(fixture, system.table());
    if (stored != rows) {
      throw new IllegalStateException(system.name() + " stored " + stored + " of " + rows + " rows");
    }
    return new Rounds.Round(rate, false, cpu);
  }
}
