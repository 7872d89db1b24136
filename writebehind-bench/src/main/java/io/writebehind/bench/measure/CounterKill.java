package io.writebehind.bench.measure;

import io.writebehind.bench.Fixture;
import io.writebehind.bench.SystemNames;
import io.writebehind.bench.systems.BenchSystem;
import io.writebehind.bench.systems.Systems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Increments lost or counted twice when the process that counts and drains is killed with
 * kill -9: a child JVM ({@link KillChild}) adds one to random keys with several writers and
 * drains, logging each increment before it is sent and again once acknowledged; it is killed
 * mid-run; the system recovers its own way ({@link BenchSystem#recoverAfterKill}); then each
 * key's database total is compared with its deltas. The keys are fresh (no row before), so
 * the total is the deltas the database holds. Per key, a total below the acknowledged deltas
 * lost the difference; a total above the sent deltas counted the difference twice. Between
 * the two are increments in flight at the kill (sent, not acknowledged): either way is right.
 */
public final class CounterKill {
  /** Keys no other measurement touches: the counters' own measurements use 0..9,999 and 50,000,000 up. */
  static final long KEY_BASE = 91_000_000L;
  /** Few enough that each key is counted many times by several writers. */
  static final long KEYS = 1_000;
  private static final int WRITERS = 8;
  /** Steady, so both systems keep up and what the kill finds is their normal backlog. */
  private static final double RATE = 2_000;

  private CounterKill() {}

  /**
   * @param acked acknowledged increments
   * @param inFlight sent but not acknowledged when the kill came
   */
  public record Result(long acked, long inFlight, long lost, long doubleApplied) {}

  /** The counting systems with a drain: the floor's bare script has no worker to kill. */
  public static boolean applies(String system) {
    return SystemNames.counts(system) && !system.equals(SystemNames.COUNTERS_FLOOR);
  }

  public static Result run(String name, Fixture fixture) throws Exception {
    Path dir = WorkerKill.runAndKill(name, fixture, WRITERS, RATE);
    try (BenchSystem system = Systems.open(name, fixture)) {
      Map<Long, Long> acked = deltas(dir.resolve(KillChild.ACKS));
      Map<Long, Long> sent = deltas(dir.resolve(KillChild.SENT));
      system.phase("kill");
      system.recoverAfterKill();
      Set<Long> keys = new HashSet<>(sent.keySet());
      keys.addAll(acked.keySet());
      Map<Long, Long> stored = WorkerKill.byId(fixture, "SELECT id, n FROM " + system.table() + " WHERE id IN", keys,
          rs -> rs.getLong(2));
      long ackedTotal = 0;
      long sentTotal = 0;
      long lost = 0;
      long doubled = 0;
      for (long key : keys) {
        long a = acked.getOrDefault(key, 0L);
        long s = sent.getOrDefault(key, 0L);
        long db = stored.getOrDefault(key, 0L);
        ackedTotal += a;
        sentTotal += s;
        lost += Math.max(0, a - db);
        doubled += Math.max(0, db - s);
      }
      return new Result(ackedTotal, sentTotal - ackedTotal, lost, doubled);
    } finally {
      WorkerKill.deleteQuietly(dir);
    }
  }

  /** Per key the sum of the logged deltas ("key,delta" lines); a line the kill cut short is skipped. */
  static Map<Long, Long> deltas(Path log) throws Exception {
    Map<Long, Long> sums = new HashMap<>();
    if (!Files.exists(log)) {
      return sums;
    }
    for (String line : Files.readAllLines(log)) {
      String[] p = line.trim().split(",");
      if (p.length != 2 || p[1].isEmpty()) {
        continue;
      }
      sums.merge(Long.parseLong(p[0]), Long.parseLong(p[1]), Long::sum);
    }
    return sums;
  }
}
