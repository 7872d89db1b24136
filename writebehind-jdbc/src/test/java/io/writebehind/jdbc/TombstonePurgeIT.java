package io.writebehind.jdbc;

import static io.writebehind.jdbc.JdbcSinkIT.del;
import static io.writebehind.jdbc.JdbcSinkIT.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tombstones go once older than the retention, after a batch, at most once per interval;
 * a younger one still refuses an older upsert. The sink's clock is moved, never slept on.
 */
class TombstonePurgeIT {

  /** A clock the test sets. */
  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @AfterAll
  static void closePools() {
    Databases.closeAll();
  }

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MARIADB"})
  void tombstonesOlderThanTheRetentionArePurgedAfterABatch(Dialect d) throws SQLException {
    String table = Databases.freshTable();
    KeyValueTable.create(Databases.pool(d), d, table);
    try {
      MovableClock clock = new MovableClock(Instant.now());
      JdbcSink<Long, String> sink = KeyValueTable.builder(Databases.pool(d), table).clock(clock).build();
      assertThat(sink.tombstoneRetention()).isEqualTo(Duration.ofDays(7));

      sink.apply(List.of(put(1, "a", 10)));
      sink.apply(List.of(del(1, 20)));
      assertThat(Databases.tombstones(d, table)).containsOnlyKeys("1");

      clock.advance(Duration.ofDays(6));
      assertThat(sink.apply(List.of(put(1, "older than the delete", 15)))).as("still guarded at six days").isZero();
      assertThat(Databases.tombstones(d, table)).containsOnlyKeys("1");

      clock.advance(Duration.ofDays(1).plusMinutes(1));
      sink.apply(List.of(put(2, "b", 30)));
      assertThat(Databases.tombstones(d, table)).as("purged past seven days, after the batch").isEmpty();
      assertThat(Databases.rows(d, table)).containsOnlyKeys(2L);

      // The purge just ran: the next is due an hour later, whatever is old by then.
      sink.apply(List.of(del(2, 40)));
      clock.advance(Duration.ofMinutes(59));
      sink.apply(List.of(put(3, "c", 50)));
      assertThat(Databases.tombstones(d, table)).as("purged at most hourly: not due yet").containsOnlyKeys("2");
      clock.advance(Duration.ofMinutes(2));
      sink.apply(List.of(put(3, "c", 60)));
      assertThat(Databases.tombstones(d, table)).as("due an hour after the last purge").isEmpty();
    } finally {
      Databases.drop(d, table);
    }
  }

  @Test
  void retentionIsCheckedWhenGiven() {
    assertThatThrownBy(() -> JdbcSink.<Long, String>builder().tombstoneRetention(Duration.ofMillis(999)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tombstoneRetention must be between 1 s and 3650 days, was PT0.999S");
    assertThatThrownBy(() -> JdbcSink.<Long, String>builder().tombstoneRetention(Duration.ofDays(3651)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(TombstonePurge.interval(Duration.ofDays(7))).isEqualTo(Duration.ofHours(1));
    assertThat(TombstonePurge.interval(Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(6));
    assertThat(TombstonePurge.interval(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
  }
}
