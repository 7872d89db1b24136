package io.writebehind.cli.chaos;

import io.writebehind.admin.Admin;
import io.writebehind.admin.QueueStatus;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The faults of a chaos run on their schedules: kill -9 of workers, cut database
 * connections, restarts of the local database and Valkey; each printed as it happens, with a
 * progress line every few seconds. A zero interval means never.
 */
final class FaultInjector {
  private static final long PROGRESS_NANOS = 5_000_000_000L;

  /** How often each fault strikes, and how long a database restart keeps it down. */
  record Schedule(Duration killEvery, Duration cutEvery, Duration dbRestartEvery, Duration dbDownFor, Duration valkeyRestartEvery) {}

  /** The writers' side of the progress lines, whatever they write; {@code more} is appended: {@code ", regressions 0"}. */
  record Progress(LongSupplier acknowledged, LongSupplier failed, Supplier<String> more) {}

  private final Schedule schedule;
  private final EventLog log;
  private final FaultCounts counts = new FaultCounts();

  FaultInjector(Schedule schedule, EventLog log) {
    this.schedule = schedule;
    this.log = log;
  }

  FaultCounts counts() {
    return counts;
  }

  /**
   * Injects faults until {@code duration} is over. {@code db} and {@code valkey} are null
   * when that server is not a local one this run may restart.
   */
  void run(Duration duration, Random random, WorkerFleet fleet, ConnectionCutter cutter, LocalRestarts db, LocalRestarts valkey,
      Admin admin, Progress progress) throws InterruptedException {
    long end = System.nanoTime() + duration.toNanos();
    long nextKill = due(schedule.killEvery());
    long nextCut = due(schedule.cutEvery());
    long nextDbRestart = db == null ? Long.MAX_VALUE : due(schedule.dbRestartEvery());
    long nextValkeyRestart = valkey == null ? Long.MAX_VALUE : due(schedule.valkeyRestartEvery());
    long nextProgress = System.nanoTime() + PROGRESS_NANOS;
    long lastAcks = 0;
    long lastProgress = System.nanoTime();
    while (System.nanoTime() < end) {
      long now = System.nanoTime();
      int replaced = fleet.superviseExits();
      if (replaced > 0) {
        log.event(replaced + " worker process(es) exited by themselves; started new ones");
      }
      if (now >= nextKill) {
        kill(random, fleet);
        nextKill = now + schedule.killEvery().toNanos();
      }
      if (now >= nextCut) {
        cut(cutter);
        nextCut = now + schedule.cutEvery().toNanos();
      }
      if (now >= nextDbRestart) {
        restartDatabase(db);
        nextDbRestart = System.nanoTime() + schedule.dbRestartEvery().toNanos();
      }
      if (now >= nextValkeyRestart) {
        restartValkey(valkey);
        nextValkeyRestart = System.nanoTime() + schedule.valkeyRestartEvery().toNanos();
      }
      if (now >= nextProgress) {
        long acks = progress.acknowledged().getAsLong();
        double perSecond = (acks - lastAcks) / ((now - lastProgress) / 1e9);
        log.event(String.format(Locale.ROOT, "acknowledged %,d (%,.0f/s), failed writes %,d, journal %s, workers alive %d/%d, "
            + "kills %d, cuts %d, db restarts %d, valkey restarts %d%s", acks, perSecond, progress.failed().getAsLong(),
            journalLength(admin), fleet.alive(), fleet.size(), counts.kills, counts.cuts, counts.dbRestarts,
            counts.valkeyRestarts, progress.more().get()));
        lastAcks = acks;
        lastProgress = now;
        nextProgress = now + PROGRESS_NANOS;
      }
      Thread.sleep(50);
    }
  }

  private void kill(Random random, WorkerFleet fleet) throws InterruptedException {
    long pid = fleet.killRandomReady(random);
    if (pid < 0) {
      log.event("no worker up to kill yet (all still starting)");
    } else {
      counts.kills++;
      log.event("kill -9 of worker pid " + pid + ", started a new one");
    }
  }

  private void cut(ConnectionCutter cutter) {
    try {
      ConnectionCutter.Result r = cutter.cut();
      counts.cuts++;
      counts.connectionsCut += r.cut();
      if (r.note() != null) {
        log.event(r.note());
      }
      log.event("cut " + r.cut() + " database connections");
    } catch (SQLException e) {
      log.event("could not cut connections (database down?): " + EventLog.firstLine(e.getMessage()));
    }
  }

  private void restartDatabase(LocalRestarts db) throws InterruptedException {
    log.event("stopping the database for " + EventLog.human(schedule.dbDownFor()));
    try {
      long downMs = db.restartPostgres(schedule.dbDownFor());
      counts.dbRestarts++;
      log.event("database back after " + downMs + " ms");
    } catch (IOException e) {
      log.event("database restart failed: " + EventLog.firstLine(e.getMessage()));
    }
  }

  private void restartValkey(LocalRestarts valkey) throws InterruptedException {
    log.event("restarting Valkey (SIGTERM: AOF fsynced, then replayed on start)");
    try {
      long downMs = valkey.restartValkey();
      counts.valkeyRestarts++;
      log.event("Valkey back after " + downMs + " ms");
    } catch (IOException e) {
      log.event("Valkey restart failed: " + EventLog.firstLine(e.getMessage()));
    }
  }

  private static String journalLength(Admin admin) {
    try {
      QueueStatus st = admin.status();
      return String.format(Locale.ROOT, "%,d", st.journalLength());
    } catch (RuntimeException e) {
      return "? (Valkey unreachable)";
    }
  }

  private static long due(Duration every) {
    return every.isZero() ? Long.MAX_VALUE : System.nanoTime() + every.toNanos();
  }
}
