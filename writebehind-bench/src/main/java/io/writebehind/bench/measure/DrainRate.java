package io.writebehind.bench.measure;

import io.writebehind.bench.Db;
import io.writebehind.bench.Fixture;
import io.writebehind.bench.systems.BenchSystem;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Rows per second into the database. The writes are queued first with the drain stopped
 * (ours: no worker yet; Redisson and Hazelcast: their writer gated; the floor: rows in
 * memory), then the drain is released and timed until the database holds them all, seen by
 * counting from outside. Preloading takes the write path out of the figure.
 */
public final class DrainRate {
  /** Generic keys of the drain live far from the other measurements' keys. */
  static final long GENERIC_BASE = 50_000_000L;

  private DrainRate() {}

  public static double generic(BenchSystem system, Fixture fixture, int rows) throws Exception {
    system.phase("drain");
    system.preloadGeneric(GENERIC_BASE, rows);
    String count = "SELECT COUNT(*) FROM " + system.table() + " WHERE id >= ? AND id < ?";
    return time(system, fixture.admin(), rows, count, GENERIC_BASE, GENERIC_BASE + rows);
  }

  /** One change on each of {@code rows} distinct flights; each applied change logs one flight_log row. */
  public static double flights(BenchSystem system, Fixture fixture, int rows) throws Exception {
    system.phase("drainf");
    fixture.clearFlightLog();
    long[] ids = new long[Math.min(rows, fixture.plan.flights())];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i + 1;
    }
    system.preloadFlights(ids);
    return time(system, fixture.admin(), ids.length, "SELECT COUNT(*) FROM flight_log");
  }

  private static double time(BenchSystem system, DataSource ds, int rows, String countSql, Object... args)
      throws Exception {
    long t0 = System.nanoTime();
    system.startDrain();
    long deadline = t0 + Duration.ofMinutes(10).toNanos();
    long done;
    while ((done = Db.queryLong(ds, countSql, args)) < rows) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("drain of " + rows + " rows did not finish in 10 minutes (" + done + " done)");
      }
      // Counting from outside costs the database too, and on two cores it competes with the
      // drain it measures: every 25 ms is enough resolution for drains of a second or more.
      Thread.sleep(25);
    }
    double rate = rows / ((System.nanoTime() - t0) / 1e9);
    system.phase("after-drain");
    return rate;
  }
}
