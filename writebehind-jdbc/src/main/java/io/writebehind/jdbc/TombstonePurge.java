package io.writebehind.jdbc;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Removes a table's tombstones older than the retention, at most once per interval, run by
 * the sink after a batch commits ({@link #maybeRun}): the drain's own calls are the schedule,
 * so there is no thread to start or stop, and a sink that gets no batches makes no tombstones
 * either. The purge is a transaction of its own: when it fails the batch stays committed, and
 * the next interval tries again.
 *
 * <p>Age is {@code deleted_at} (the database's clock when the delete's version was recorded)
 * against this clock: the two should agree on the time and, for a column without a time
 * zone, on the zone; the default retention of seven days dwarfs ordinary skew.
 */
final class TombstonePurge {
  private static final System.Logger LOG = System.getLogger(TombstonePurge.class.getName());
  static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
  static final Duration MAX_INTERVAL = Duration.ofHours(1);

  private final DataSource dataSource;
  private final Tombstones tombstones;
  private final Duration retention;
  private final long intervalMillis;
  private final Clock clock;
  /** When the next purge is due; claimed by compare-and-set, so one drain thread runs it. */
  private final AtomicLong dueMillis;

  TombstonePurge(DataSource dataSource, Tombstones tombstones, Duration retention, Clock clock) {
    this.dataSource = dataSource;
    this.tombstones = tombstones;
    this.retention = retention;
    this.clock = clock;
    this.intervalMillis = interval(retention).toMillis();
    this.dueMillis = new AtomicLong(clock.millis());
  }

  /** A tenth of the retention, between a second and an hour: hourly for the default. */
  static Duration interval(Duration retention) {
    Duration tenth = retention.dividedBy(10);
    if (tenth.compareTo(Duration.ofSeconds(1)) < 0) {
      return Duration.ofSeconds(1);
    }
    return tenth.compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : tenth;
  }

  Duration retention() {
    return retention;
  }

  /** Purges if due; returns how many tombstones went (0 when not due or when it failed). */
  int maybeRun() {
    long now = clock.millis();
    long due = dueMillis.get();
    if (now < due || !dueMillis.compareAndSet(due, now + intervalMillis)) {
      return 0;
    }
    try {
      return purge(clock.instant().minus(retention));
    } catch (SQLException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "purging tombstones older than " + retention
          + " failed; trying again in " + Duration.ofMillis(intervalMillis) + ": " + e.getMessage());
      return 0;
    }
  }

  Instant now() {
    return clock.instant();
  }

  int purge(Instant cutoff) throws SQLException {
    return Transactions.inTransaction(dataSource, c -> tombstones.purgeOlderThan(c, cutoff));
  }
}
