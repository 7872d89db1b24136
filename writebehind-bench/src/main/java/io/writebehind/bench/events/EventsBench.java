package io.writebehind.bench.events;

import io.writebehind.bench.Bench;
import io.writebehind.bench.Fixture;
import io.writebehind.bench.Plan;
import io.writebehind.bench.Progress;
import io.writebehind.bench.SystemNames;
import io.writebehind.bench.measure.Rounds;
import io.writebehind.bench.measure.WriteLatency;
import io.writebehind.bench.measure.WriteThroughput;
import io.writebehind.bench.systems.BenchSystem;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The events systems' measurements: append latency and throughput with 1, 8 and 64
 * producers (the common write measures: a write is an append), batched appends, and the
 * ingest of a prepared backlog. A failed measurement leaves its figure null with a note.
 */
public final class EventsBench {
  private static final int STEPS = 7;

  private EventsBench() {}

  public static boolean applies(String name) {
    return name.equals(SystemNames.EVENTS_FLOOR) || name.equals(SystemNames.EVENTS)
        || name.equals(SystemNames.EVENTS_ORIGINAL);
  }

  public static BenchSystem open(String name, Fixture fixture) throws Exception {
    return switch (name) {
      case SystemNames.EVENTS_FLOOR -> new EventFloorSystem(fixture);
      case SystemNames.EVENTS -> new EventsSystem(fixture);
      case SystemNames.EVENTS_ORIGINAL -> new OriginalEventsSystem(fixture);
      default -> throw new IllegalArgumentException("not an events system: " + name);
    };
  }

  /**
   * {@code paired}: the figures whose batched appends and ingest {@link #measurePair} took
   * side by side with the other system's (not measured again), or null.
   */
  public static EventFigures measure(String name, EventFigures paired, Fixture fixture, Progress progress) {
    EventFigures f = paired != null ? paired : new EventFigures(name);
    progress.step(name, STEPS);
    Bench.attempt(fixture, f, "setup", () -> {
      try (EventSystem system = (EventSystem) open(name, fixture)) {
        run(system, fixture, f, paired == null, progress);
      }
    });
    progress.update(STEPS);
    progress.done();
    return f;
  }

  private static void run(EventSystem system, Fixture fixture, EventFigures f, boolean unpaired, Progress progress) {
    Plan plan = fixture.plan;
    String name = system.name();
    int step = 0;
    Bench.attempt(fixture, f, "append latency", () -> {
      Histogram h = WriteLatency.run(system, plan);
      f.writeP50Us = h.getValueAtPercentile(50) / 1e3;
      f.writeP99Us = h.getValueAtPercentile(99) / 1e3;
      f.writeP999Us = h.getValueAtPercentile(99.9) / 1e3;
    });
    progress.update(++step);
    for (int producers : new int[] {1, 8, 64}) {
      Bench.attempt(fixture, f, producers + "-producer appends", () -> {
        double r = WriteThroughput.run(system, producers, plan);
        switch (producers) {
          case 1 -> f.writeOpsPerSec1 = r;
          case 8 -> f.writeOpsPerSec8 = r;
          default -> f.writeOpsPerSec64 = r;
        }
      });
      progress.update(++step);
    }
    if (system.batches() && unpaired) {
      Bench.attempt(fixture, f, "batched appends", () -> f.appendBatchedOpsPerSec =
          EventFigures.BATCH * WriteThroughput.run(new Batched(system), EventFigures.BATCH_PRODUCERS, plan));
    }
    progress.update(++step);
    if (unpaired) {
      Bench.attempt(fixture, f, "ingest", () -> ingests(List.of(system), List.of(f), fixture));
    }
    progress.update(++step);
    if (name.equals(SystemNames.EVENTS)) {
      Bench.attempt(fixture, f, "worker kill", () -> {
        EventKill.Result r = EventKill.run(fixture);
        f.ingestLostOnWorkerKill = r.lost();
        f.ingestDuplicatedOnWorkerKill = r.duplicated();
        f.notes.add(String.format(Locale.ROOT, "%s: kill -9 of a process appending and ingesting after %,d acknowledged "
            + "events: %d lost, %d duplicated", name, r.acked(), r.lost(), r.duplicated()));
      });
    }
    progress.update(++step);
  }

  /**
   * The figures ours is held to as a ratio of the floor's, with both systems open and their
   * rounds alternated: batched appends, and the ingest against the bare loads.
   */
  public static void measurePair(EventFigures floor, EventFigures ours, Fixture fixture) throws Exception {
    try (EventSystem a = (EventSystem) open(floor.name, fixture); EventSystem b = (EventSystem) open(ours.name, fixture)) {
      double[] batched = WriteThroughput.interleaved(List.of(new Batched(a), new Batched(b)),
          EventFigures.BATCH_PRODUCERS, fixture.plan);
      floor.appendBatchedOpsPerSec = EventFigures.BATCH * batched[0];
      ours.appendBatchedOpsPerSec = EventFigures.BATCH * batched[1];
      ingests(List.of(a, b), List.of(floor, ours), fixture);
    }
  }

  private static void ingests(List<EventSystem> systems, List<EventFigures> figures, Fixture fixture) throws Exception {
    Plan plan = fixture.plan;
    // Three times the drain's rows: at the floor's rate a load of 100,000 rows lasts about
    // 0.2 s, and a scheduling hiccup of a tenth of a second swung it by half.
    int rows = systems.get(0).name().equals(SystemNames.EVENTS_ORIGINAL) ? plan.originalDrainFlights()
        : 3 * plan.drainRows();
    Duration warmup = plan.warmup().multipliedBy(2);
    List<Map<String, Rounds>> rounds = IngestRate.run(systems, fixture, rows, plan.rounds(), warmup);
    for (int i = 0; i < systems.size(); i++) {
      EventFigures f = figures.get(i);
      String with = systems.size() == 1 ? "" : ", alternated with the other system's";
      for (Map.Entry<String, Rounds> e : rounds.get(i).entrySet()) {
        f.ingest.put(e.getKey(), e.getValue().median());
        f.notes.add(String.format(Locale.ROOT, "%s: %s rounds of %,d rows%s: %s",
            f.name, e.getKey(), rows, with, e.getValue().describe("rows")));
      }
    }
  }

  /** The system seen by the write measures with each write a batch of {@link EventFigures#BATCH} appends. */
  private record Batched(EventSystem system) implements BenchSystem {
    @Override
    public String name() {
      return system.name();
    }

    @Override
    public void phase(String phase) throws Exception {
      system.phase("batched-" + phase);
    }

    @Override
    public long key(long i) {
      return system.key(i * EventFigures.BATCH);
    }

    @Override
    public void write(long key, long seq) throws Exception {
      system.appendBatch(key, seq, EventFigures.BATCH);
    }

    @Override
    public void warm(long key) {}

    @Override
    public void read(long key) {}

    @Override
    public String table() {
      return system.table();
    }

    @Override
    public void close() {}
  }
}
