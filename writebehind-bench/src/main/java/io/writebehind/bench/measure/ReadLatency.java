package io.writebehind.bench.measure;

import io.writebehind.bench.Fixture;
import io.writebehind.bench.Payloads;
import io.writebehind.bench.systems.BenchSystem;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.HdrHistogram.Histogram;

/**
 * Read latency, p50 in µs: hits on keys the system has cached, misses on keys only the
 * database has (inserted directly, never cached), each read once so each stays a miss.
 */
public final class ReadLatency {
  static final long HIT_BASE = 70_000_000L;
  static final long MISS_BASE = 80_000_000L;

  private ReadLatency() {}

  public record Result(double hitP50Us, double missP50Us) {}

  public static Result run(BenchSystem system, Fixture fixture, int reads) throws Exception {
    system.phase("read");
    // the original's key space is the flights: hits and misses on separate halves of it
    long hitBase = system.missesReadGenericTable() ? HIT_BASE : 0;
    long missBase = system.missesReadGenericTable() ? MISS_BASE : fixture.plan.flights() / 2;
    int n = system.missesReadGenericTable() ? reads : Math.min(reads, fixture.plan.flights() / 2);
    for (int i = 0; i < n; i++) {
      system.warm(system.key(hitBase + i));
    }
    if (system.missesReadGenericTable()) {
      insertRows(fixture, system.table(), MISS_BASE, n);
    }
    Histogram hits = new Histogram(60_000_000_000L, 3);
    Histogram misses = new Histogram(60_000_000_000L, 3);
    // one pass over the hits first to warm the read path itself
    for (int i = 0; i < Math.min(n, 200); i++) {
      system.read(system.key(hitBase + i));
    }
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      system.read(system.key(hitBase + i));
      long t1 = System.nanoTime();
      system.read(system.key(missBase + i));
      long t2 = System.nanoTime();
      hits.recordValue(t1 - t0);
      misses.recordValue(t2 - t1);
    }
    return new Result(hits.getValueAtPercentile(50) / 1e3, misses.getValueAtPercentile(50) / 1e3);
  }

  static void insertRows(Fixture fixture, String table, long from, int n) throws Exception {
    try (Connection c = fixture.admin().getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (id, payload, wb_version) VALUES (?, ?, 1)")) {
      c.setAutoCommit(false);
      for (int i = 0; i < n; i++) {
        ps.setLong(1, from + i);
        ps.setString(2, Payloads.of(from + i, 1));
        ps.addBatch();
      }
      ps.executeBatch();
      c.commit();
      c.setAutoCommit(true);
    }
  }
}
