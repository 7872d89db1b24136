package io.writebehind.bench.measure;

import io.writebehind.bench.Db;
import io.writebehind.bench.Fixture;
import io.writebehind.bench.systems.BenchSystem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Rows per second into the database. The writes are queued first with the drain stopped
 * (ours: no worker yet; Redisson and Hazelcast: their writer gated; the floor: rows in
 * memory), then the drain is released and timed until the database holds them all.
 * Preloading takes the write path out of the figure. The end is the system's own signal
 * where it has one (ours: {@code flush}, which returns once every write is committed and
 * acknowledged, checked on Valkey), else rows counted from outside; either way the rows are
 * counted once at the end. Counting while the drain runs would cost the database CPU that
 * the floor, which upserts in the calling thread, never pays.
 */
public final class DrainRate {
  /** Generic keys of the drain live far from the other measurements' keys. */
  static final long GENERIC_BASE = 50_000_000L;
  /** A drain slower than this runs once: its figure is stable, and rounds would dominate the run. */
  private static final double ONE_ROUND_SECONDS = 5;
  /** Rows of the first unrecorded drain; later warm-up drains are as large as a round. */
  private static final int WARMUP_ROWS = 20_000;
  /**
   * Warm-up ends after this much draining, or once twice a round's rows went through. A
   * drain's code paths (stream replies, array binding, the sink) are hot only there: one
   * 20,000-row warm-up left the first timed round of ours paying three times the JVM CPU of
   * the third, and the floor twice. A slow system is done after its first warm-up drain.
   */
  private static final double WARMUP_SECONDS = 3;

  private DrainRate() {}

  /**
   * After unrecorded warm-up drains, the lower median of up to {@code rounds} drains of
   * {@code rows} fresh keys each: a single drain of a second or two on two shared cores
   * moves by half with whatever else the machine does at that moment (a checkpoint, the
   * JIT, a rewrite started by its own writes).
   */
  public static Rounds generic(BenchSystem system, Fixture fixture, int rows, int rounds) throws Exception {
    return generic(List.of(system), fixture, rows, rounds).get(0);
  }

  /**
   * Systems whose drains are compared (ours against its floor), each warmed up, then their
   * rounds alternated (see {@link RoundOrder}) so both drain on the machine of the same
   * minute.
   */
  public static List<Rounds> generic(List<? extends BenchSystem> systems, Fixture fixture, int rows, int rounds)
      throws Exception {
    List<Drain> drains = new ArrayList<>();
    for (BenchSystem system : systems) {
      String count = "SELECT COUNT(*) FROM " + system.table() + " WHERE id >= ? AND id < ?";
      long[] from = {GENERIC_BASE};
      drains.add(new Drain(system, "drain", rows, Math.min(rows, WARMUP_ROWS), size -> {
        system.preloadGeneric(from[0], size);
        Count query = new Count(count, from[0], from[0] + size);
        from[0] += size;
        return query;
      }));
    }
    return measure(drains, fixture, rounds);
  }

  /**
   * One change on each of {@code rows} distinct flights per drain (each applied change logs
   * one flight_log row), warmed up and measured in rounds as {@link #generic}.
   */
  public static Rounds flights(BenchSystem system, Fixture fixture, int rows, int rounds) throws Exception {
    long[] ids = new long[Math.min(rows, fixture.plan.flights())];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i + 1;
    }
    return measure(List.of(new Drain(system, "drainf", ids.length, ids.length, size -> {
      fixture.clearFlightLog();
      system.preloadFlights(ids);
      return new Count("SELECT COUNT(*) FROM flight_log");
    })), fixture, rounds).get(0);
  }

  /** The query that counts a drain's rows in the database, and its arguments. */
  private record Count(String sql, Object... args) {}

  /** Queues {@code size} writes for the next drain; returns how to count them in the database. */
  @FunctionalInterface
  private interface Queue {
    Count queue(int size) throws Exception;
  }

  /** One system's drains: the phase's prefix, the rows of a round and of the first warm-up, how to queue them. */
  private record Drain(BenchSystem system, String phase, int rows, int firstWarmup, Queue queue) {}

  private static List<Rounds> measure(List<Drain> drains, Fixture fixture, int rounds) throws Exception {
    for (Drain d : drains) {
      warm(d, fixture);
    }
    List<List<Rounds.Round>> rates = new ArrayList<>();
    drains.forEach(d -> rates.add(new ArrayList<>()));
    for (int r = 0; r < rounds; r++) {
      boolean slow = false;
      for (int at : RoundOrder.of(drains.size(), r)) {
        Drain d = drains.get(at);
        d.system().phase(d.phase() + r);
        Count count = d.queue().queue(d.rows());
        long rewrites = fixture.quiet().rewrites();
        Rounds.Round round = time(d.system(), fixture, d.rows(), count);
        rates.get(at).add(round.withAofRewrite(fixture.quiet().rewrites() > rewrites));
        slow |= d.rows() / round.rate() > ONE_ROUND_SECONDS;
      }
      if (slow) {
        break;
      }
    }
    List<Rounds> out = new ArrayList<>();
    for (int i = 0; i < drains.size(); i++) {
      out.add(new Rounds(drains.get(i).rows(), List.copyOf(rates.get(i))));
    }
    return out;
  }

  private static void warm(Drain d, Fixture fixture) throws Exception {
    int n = 0;
    long warmedRows = 0;
    int size = d.firstWarmup();
    double spent = 0;
    while (warmedRows < 2L * d.rows() && spent < WARMUP_SECONDS) {
      d.system().phase(d.phase() + "-warmup" + n++);
      spent += size / time(d.system(), fixture, size, d.queue().queue(size)).rate();
      warmedRows += size;
      size = d.rows();
    }
  }

  /** A drain's rate and the CPU spent from its start until its rows were counted. */
  private static Rounds.Round time(BenchSystem system, Fixture fixture, int rows, Count count) throws Exception {
    DataSource ds = fixture.admin();
    fixture.quiet().await();
    ComponentCpu.Sample before = fixture.cpu().sample();
    long t0 = System.nanoTime();
    system.startDrain();
    long deadline = t0 + Duration.ofMinutes(10).toNanos();
    system.awaitDrained(Duration.ofMinutes(10));
    long done;
    while ((done = Db.queryLong(ds, count.sql(), count.args())) < rows) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("drain of " + rows + " rows did not finish in 10 minutes (" + done + " done)");
      }
      // Counting from outside costs the database too, and on two cores it competes with the
      // drain it measures: every 25 ms is enough resolution for drains of a second or more.
      Thread.sleep(25);
    }
    double rate = rows / ((System.nanoTime() - t0) / 1e9);
    ComponentCpu.Spent cpu = fixture.cpu().between(before, fixture.cpu().sample());
    system.phase("after-drain");
    return new Rounds.Round(rate, false, cpu);
  }
}
