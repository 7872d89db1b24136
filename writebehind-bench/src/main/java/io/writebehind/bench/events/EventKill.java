package io.writebehind.bench.events;

import com.zaxxer.hikari.HikariDataSource;
import io.writebehind.Events;
import io.writebehind.bench.Fixture;
import io.writebehind.bench.SystemNames;
import io.writebehind.bench.measure.BenchChild;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Events lost and stored twice when the process that appends and ingests is killed with
 * kill -9: a child JVM ({@link EventKillChild}) appends at a steady rate and drains,
 * logging each acknowledged event's id; it is killed mid-run; a fresh worker then ingests
 * what is left. Lost: a logged id the table lacks. Duplicated: rows beyond the first with
 * the same id (any id: an append done but not yet logged may land, but only once).
 */
final class EventKill {
  private static final int PRODUCERS = 4;
  private static final double RATE = 2000;

  private EventKill() {}

  record Result(long acked, long lost, long duplicated) {}

  static Result run(Fixture fixture) throws Exception {
    String table = EventTable.createNamed(fixture, "ev_kill");
    String namespace = fixture.namespace(SystemNames.EVENTS, "kill");
    Path dir = Files.createTempDirectory("wbbench-event-kill-");
    Path ackLog = dir.resolve("acks.log");
    Path out = dir.resolve("child.log");
    Files.createFile(ackLog);
    Process child = BenchChild.start(EventKillChild.class, out, fixture.valkeyUrl, namespace, fixture.jdbcUrl, table,
        ackLog.toString(), Integer.toString(PRODUCERS), Double.toString(RATE));
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (Files.size(ackLog) == 0) {
        if (!child.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("the child appended nothing: " + BenchChild.tail(out));
        }
        Thread.sleep(50);
      }
      Thread.sleep(fixture.plan.killRun().toMillis());
    } finally {
      // SIGKILL on Unix: no shutdown hooks, no flushing, like kill -9
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    Set<Long> acked = new HashSet<>();
    for (String line : Files.readAllLines(ackLog)) {
      String[] p = line.trim().split(" ");
      if (p.length == 2) { // the line the kill cut short was never complete, so never acknowledged to anyone
        acked.add(Long.parseLong(p[0]));
      }
    }
    try (HikariDataSource pool = fixture.pool(3, "wbbench-event-kill-recover");
         Events<Long, Report> events = Events.builder(Report.CODEC).valkeyUrl(fixture.valkeyUrl).namespace(namespace)
             .sink(EventTable.sink(pool, table)).build()) {
      try (Worker w = events.startWorker(WorkerOptions.defaults())) {
        events.flush(Duration.ofMinutes(2));
      }
      Map<Long, Long> stored = stored(fixture, table);
      long lost = acked.stream().filter(id -> !stored.containsKey(id)).count();
      long duplicated = stored.values().stream().mapToLong(n -> n - 1).sum();
      events.admin().purgeNamespace();
      return new Result(acked.size(), lost, duplicated);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** event id -> rows holding it. */
  private static Map<Long, Long> stored(Fixture fixture, String table) throws Exception {
    Map<Long, Long> out = new HashMap<>();
    try (Connection c = fixture.admin().getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT event_id, COUNT(*) FROM " + table + " GROUP BY event_id")) {
      while (rs.next()) {
        out.put(rs.getLong(1), rs.getLong(2));
      }
    }
    return out;
  }
}
