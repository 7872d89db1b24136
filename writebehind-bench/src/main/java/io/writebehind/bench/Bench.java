package io.writebehind.bench;

import io.writebehind.bench.cluster.ClusterDrain;
import io.writebehind.bench.events.EventsBench;
import io.writebehind.bench.measure.CounterKill;
import io.writebehind.bench.measure.DrainRate;
import io.writebehind.bench.measure.Rounds;
import io.writebehind.bench.measure.InconsistencyWindow;
import io.writebehind.bench.measure.ReadLatency;
import io.writebehind.bench.measure.WorkerKill;
import io.writebehind.bench.measure.WriteLatency;
import io.writebehind.bench.measure.WriteThroughput;
import io.writebehind.bench.report.Charts;
import io.writebehind.bench.report.JsonReport;
import io.writebehind.bench.report.ReportTable;
import io.writebehind.bench.systems.BenchSystem;
import io.writebehind.bench.systems.Systems;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Runs every selected system through the same measurements, on the same fresh data, in one
 * run, and reports. A measurement that fails leaves its figure null with a note; the run
 * goes on, since a partial comparison is still worth printing.
 */
public final class Bench {
  private static final int STEPS = 10;

  public record Config(String valkeyUrl, String jdbcUrl, Plan plan, List<String> systems, Path json, Path charts,
      ClusterDrain.Settings clusterDrain) {}

  public record Report(String machine, List<Figures> systems) {}

  private Bench() {}

  /** Pool start/stop lines and the peers' banners would bury the table (only where slf4j-simple logs). */
  public static void quietLibraryLogs() {
    for (String name : new String[] {"com.zaxxer.hikari", "org.redisson", "com.hazelcast", "io.writebehind", "org.flywaydb"}) {
      String key = "org.slf4j.simpleLogger.log." + name;
      if (System.getProperty(key) == null) {
        System.setProperty(key, "warn");
      }
    }
  }

  public static Report run(Config config, Progress progress, PrintStream out) throws Exception {
    Plan plan = config.plan();
    List<Figures> results = new ArrayList<>();
    String machine;
    try (Fixture fixture = Fixture.open(config.valkeyUrl(), config.jdbcUrl(), plan)) {
      machine = Machine.describe(config.valkeyUrl(), fixture.admin());
      if (config.systems().stream().anyMatch(Systems::needsFlights)) {
        fixture.loadFlights(progress);
      }
      warmUp(config, fixture);
      Map<String, Figures> paired = Paired.measure(config.systems(), fixture, progress);
      for (String name : config.systems()) {
        Figures done = paired.get(name);
        if (ClusterDrain.applies(name)) {
          results.add(ClusterDrain.measure(fixture, config.clusterDrain(), progress));
        } else if (EventsBench.applies(name)) {
          results.add(EventsBench.measure(name, (io.writebehind.bench.events.EventFigures) done, fixture, progress));
        } else {
          results.add(measure(name, done, fixture, progress));
        }
      }
    }
    Report report = new Report(machine, results);
    ReportTable.print(out, report);
    if (config.json() != null) {
      JsonReport.write(config.json(), report);
      out.println("JSON: " + config.json().toAbsolutePath());
    }
    if (config.charts() != null) {
      for (Path p : Charts.write(config.charts(), report)) {
        out.println("Chart: " + p.toAbsolutePath());
      }
    }
    return report;
  }

  /**
   * The system measured first would otherwise also pay for warming the JVM (JIT, Netty,
   * Lettuce) that every later one finds warm; the floor goes first, so it was the one that
   * looked slow. One unrecorded pass of the floor's writes warms the shared paths.
   */
  private static void warmUp(Config config, Fixture fixture) throws Exception {
    for (String floor : new String[] {SystemNames.FLOOR, SystemNames.COUNTERS_FLOOR, SystemNames.EVENTS_FLOOR}) {
      if (!config.systems().contains(floor)) {
        continue;
      }
      try (BenchSystem system = EventsBench.applies(floor) ? EventsBench.open(floor, fixture) : Systems.open(floor, fixture)) {
        system.phase("jvm-warmup");
        WriteLatency.run(system, fixture.plan);
        WriteThroughput.run(system, 8, fixture.plan);
      }
    }
  }

  /**
   * {@code paired}: the figures {@link Paired} measured side by side with the system's floor
   * (its 64-writer throughput and drain, not measured again), or null.
   */
  private static Figures measure(String name, Figures paired, Fixture fixture, Progress progress) {
    Figures f = paired != null ? paired : new Figures(name);
    Plan plan = fixture.plan;
    progress.step(name, STEPS);
    int step = 0;
    try (BenchSystem system = Systems.open(name, fixture)) {
      attempt(fixture, f, "write latency", () -> {
        Histogram h = WriteLatency.run(system, plan);
        f.writeLatencyNanos = h;
        f.writeP50Us = h.getValueAtPercentile(50) / 1e3;
        f.writeP99Us = h.getValueAtPercentile(99) / 1e3;
        f.writeP999Us = h.getValueAtPercentile(99.9) / 1e3;
      });
      progress.update(++step);
      for (int writers : paired != null ? new int[] {1, 8} : new int[] {1, 8, 64}) {
        attempt(fixture, f, writers + "-writer throughput", () -> {
          double r = WriteThroughput.run(system, writers, plan);
          f.throughputByWriters.put(writers, r);
          switch (writers) {
            case 1 -> f.writeOpsPerSec1 = r;
            case 8 -> f.writeOpsPerSec8 = r;
            default -> f.writeOpsPerSec64 = r;
          }
        });
        progress.update(++step);
      }
      if (system.drainsGeneric() && paired == null) {
        attempt(fixture, f, "drain (generic)", () -> {
          Rounds r = DrainRate.generic(system, fixture, plan.drainRows(), plan.rounds());
          f.drainRowsPerSec = r.median();
          f.notes.add(name + ": drain rounds of " + String.format(java.util.Locale.ROOT, "%,d", plan.drainRows())
              + " rows: " + r.describe("rows"));
        });
      }
      progress.update(++step);
      if (system.drainsFlights()) {
        int rows = name.equals(SystemNames.ORIGINAL) ? plan.originalDrainFlights() : plan.drainFlights();
        attempt(fixture, f, "drain (flights)", () -> {
          Rounds r = DrainRate.flights(system, fixture, rows, plan.rounds());
          f.drainFlightsPerSec = r.median();
          f.notes.add(name + ": flights drain rounds of " + String.format(java.util.Locale.ROOT, "%,d", rows)
              + " flights: " + r.describe("flights"));
        });
      }
      progress.update(++step);
      if (system.hasWindow()) {
        attempt(fixture, f, "inconsistency window", () -> window(system, fixture, f));
      }
      progress.update(++step);
      attempt(fixture, f, "reads", () -> {
        ReadLatency.Result r = ReadLatency.run(system, fixture, plan.reads());
        f.readHitP50Us = r.hitP50Us();
        f.readMissP50Us = r.missP50Us();
      });
      progress.update(++step);
    } catch (Exception e) {
      f.notes.add(name + ": could not run: " + Errors.message(e));
    }
    if (WorkerKill.applies(name)) {
      attempt(fixture, f, "worker kill", () -> f.lostOnWorkerKill = WorkerKill.run(name, fixture));
    }
    if (CounterKill.applies(name)) {
      attempt(fixture, f, "worker kill", () -> {
        CounterKill.Result r = CounterKill.run(name, fixture);
        f.counterLostOnWorkerKill = r.lost();
        f.counterDoubleAppliedOnWorkerKill = r.doubleApplied();
        f.notes.add(String.format(java.util.Locale.ROOT, "%s: kill -9 after %,d acknowledged increments (%d in flight): "
            + "%d lost, %d double-applied", name, r.acked(), r.inFlight(), r.lost(), r.doubleApplied()));
      });
    }
    progress.update(++step);
    progress.done();
    return f;
  }

  /**
   * Half the system's own drain rate, so the window shows the lag of a drain that keeps up,
   * not a queue growing without end. Write-through has no drain: half its 8-writer rate.
   */
  private static void window(BenchSystem system, Fixture fixture, Figures f) throws Exception {
    Double drain = f.drainRowsPerSec != null ? f.drainRowsPerSec : f.drainFlightsPerSec;
    Double basis = drain != null ? drain : f.writeOpsPerSec8;
    if (basis == null) {
      f.notes.add(f.name + ": window not measured (no drain or write rate to pace it by)");
      return;
    }
    double rate = Math.max(10, basis / 2);
    long keyBase = system.missesReadGenericTable() ? 60_000_000L : 0;
    InconsistencyWindow.Result r = InconsistencyWindow.run(system, fixture, rate, fixture.plan.window().toMillis(), keyBase);
    f.windowP50Ms = r.p50Ms();
    f.windowP99Ms = r.p99Ms();
    f.windowOverTime.addAll(r.overTime());
    f.notes.add(String.format(java.util.Locale.ROOT, "%s: window at %.0f writes/s asked, %.0f achieved%s", f.name, rate,
        r.achievedRate(), r.unseen() > 0 ? ", " + r.unseen() + " writes not in the database after 60 s" : ""));
  }

  @FunctionalInterface
  public interface Step {
    void run() throws Exception;
  }

  /** Runs one measurement on a quiet Valkey (see {@code QuietValkey}); a failure becomes a note. */
  public static void attempt(Fixture fixture, Figures f, String what, Step step) {
    try {
      fixture.quiet().await();
      step.run();
    } catch (Exception | Error e) {
      f.notes.add(f.name + ": " + what + " failed: " + Errors.message(e));
    }
  }
}
