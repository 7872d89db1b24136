package io.writebehind.bench.measure;

import io.writebehind.bench.Fixture;
import io.writebehind.bench.Payloads;
import io.writebehind.bench.SystemNames;
import io.writebehind.bench.systems.BenchSystem;
import io.writebehind.bench.systems.OriginalSystem;
import io.writebehind.bench.systems.Systems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Acknowledged writes lost when the process that writes and drains is killed with kill -9,
 * measured the same way for every system: a child JVM ({@link KillChild}) writes at a steady
 * rate and drains, logging each acknowledged (key, seq); it is killed mid-run; the system
 * recovers its own way ({@link BenchSystem#recoverAfterKill}); then every key whose last
 * acknowledged write is not in the database (neither it nor a later one) counts as lost.
 */
public final class WorkerKill {
  static final long KEY_BASE = 90_000_000L;
  static final long KEYS_PER_WRITER = 500;
  private static final int WRITERS = 4;
  /** Modest, so every system (the original's one-task-at-a-time drain too) keeps up and recovers quickly. */
  private static final double RATE = 400;

  private WorkerKill() {}

  public static boolean applies(String system) {
    // Counting systems are killed by CounterKill: this measure counts overwrites whose newest version is missing.
    return !system.equals(SystemNames.FLOOR) && !SystemNames.counts(system);
  }

  public static long run(String name, Fixture fixture) throws Exception {
    Path dir = runAndKill(name, fixture, WRITERS, RATE);
    try (BenchSystem system = Systems.open(name, fixture)) {
      Map<Long, Long> acked = lastAcked(dir.resolve(KillChild.ACKS));
      system.phase("kill");
      system.recoverAfterKill();
      Map<Long, Long> stored = name.equals(SystemNames.ORIGINAL)
          ? byId(fixture, "SELECT flight_id, departure FROM flight WHERE flight_id IN", acked.keySet(),
              rs -> Duration.between(OriginalSystem.BASE, rs.getObject(2, LocalDateTime.class)).toMinutes())
          : byId(fixture, "SELECT id, payload FROM " + system.table() + " WHERE id IN", acked.keySet(),
              rs -> Payloads.seq(rs.getString(2)));
      long lost = 0;
      for (Map.Entry<Long, Long> e : acked.entrySet()) {
        Long s = stored.get(e.getKey());
        if (s == null || s < e.getValue()) {
          lost++;
        }
      }
      return lost;
    } finally {
      deleteQuietly(dir);
    }
  }

  /**
   * Starts {@link KillChild} on a fresh log directory, lets it write for the plan's kill run
   * after its first acknowledged write, and kills it with SIGKILL; returns the directory
   * (the caller deletes it).
   */
  static Path runAndKill(String name, Fixture fixture, int writers, double rate) throws Exception {
    Path dir = Files.createTempDirectory("wbbench-kill-");
    Path ackLog = Files.createFile(dir.resolve(KillChild.ACKS));
    Path out = dir.resolve("child.log");
    Process child = BenchChild.start(KillChild.class, out, name, fixture.valkeyUrl, fixture.runId, fixture.jdbcUrl,
        dir.toString(), Integer.toString(writers), Double.toString(rate));
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (Files.size(ackLog) == 0) {
        if (!child.isAlive()) {
          throw new IllegalStateException("the child exited before writing: " + BenchChild.tail(out));
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the child wrote nothing in 90 s: " + BenchChild.tail(out));
        }
        Thread.sleep(50);
      }
      Thread.sleep(fixture.plan.killRun().toMillis());
    } catch (Exception | Error e) {
      deleteQuietly(dir);
      throw e;
    } finally {
      // SIGKILL on Unix: no shutdown hooks, no flushing, like kill -9
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    return dir;
  }

  /** Per key the highest acknowledged seq; each key has one writer, so that is its last write. */
  static Map<Long, Long> lastAcked(Path ackLog) throws Exception {
    Map<Long, Long> last = new HashMap<>();
    for (String line : Files.readAllLines(ackLog)) {
      String[] p = line.trim().split(" ");
      if (p.length != 2) {
        continue; // the line the kill cut short was never complete, so never acknowledged to anyone
      }
      last.merge(Long.parseLong(p[0]), Long.parseLong(p[1]), Math::max);
    }
    return last;
  }

  /** Reads one value of a row's result (its id is column 1). */
  @FunctionalInterface
  interface Column {
    long read(ResultSet rs) throws SQLException;
  }

  /** Per id found, {@code value} of its row: {@code selectHead} ends with "WHERE id IN", asked 1000 ids at a time. */
  static Map<Long, Long> byId(Fixture fixture, String selectHead, Collection<Long> ids, Column value) throws Exception {
    Map<Long, Long> out = new HashMap<>();
    List<Long> all = new ArrayList<>(ids);
    try (Connection c = fixture.admin().getConnection()) {
      for (int from = 0; from < all.size(); from += 1000) {
        List<Long> chunk = all.subList(from, Math.min(all.size(), from + 1000));
        String in = String.join(",", Collections.nCopies(chunk.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement(selectHead + " (" + in + ")")) {
          for (int i = 0; i < chunk.size(); i++) {
            ps.setLong(i + 1, chunk.get(i));
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.put(rs.getLong(1), value.read(rs));
            }
          }
        }
      }
    }
    return out;
  }

  static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (Exception ignored) {
      // a temp directory left behind is harmless
    }
  }
}
