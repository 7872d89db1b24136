package io.writebehind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;

/** Compares the flight table with the newest acknowledged write of each flight in an ack log. */
final class AckLogCheck {
  private AckLogCheck() {}

  record Ack(long version, LocalDateTime departure, LocalDateTime arrival) {}

  static Map<Long, Ack> newest(Path ackLog) throws Exception {
    Map<Long, Ack> newest = new HashMap<>();
    for (String line : Files.readAllLines(ackLog)) {
      String[] f = line.split(",");
      Ack a = new Ack(Long.parseLong(f[1]), LocalDateTime.parse(f[2]), LocalDateTime.parse(f[3]));
      newest.merge(Long.parseLong(f[0]), a, (x, y) -> x.version() >= y.version() ? x : y);
    }
    return newest;
  }

  /** The database holds exactly each flight's newest acknowledged write: its version and times. */
  static void assertDatabaseMatches(Path ackLog, String jdbcUrl) throws Exception {
    check(ackLog, jdbcUrl, true);
  }

  /**
   * No flight of the ack log is behind its newest acknowledged write: the database holds that
   * version with its times, or a newer version (a write that failed in doubt and landed).
   * Returns how many flights were checked.
   */
  static int assertNoneBehind(Path ackLog, String jdbcUrl) throws Exception {
    return check(ackLog, jdbcUrl, false);
  }

  private static int check(Path ackLog, String jdbcUrl, boolean exact) throws Exception {
    Map<Long, Ack> newest = newest(ackLog);
    assertThat(newest).isNotEmpty();
    try (Connection c = DriverManager.getConnection(jdbcUrl);
         PreparedStatement ps = c.prepareStatement("SELECT wb_version, departure, arrival FROM flight WHERE flight_id = ?")) {
      for (Map.Entry<Long, Ack> e : newest.entrySet()) {
        ps.setLong(1, e.getKey());
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).as("row of flight %d", e.getKey()).isTrue();
          long version = rs.getLong(1);
          if (exact) {
            assertThat(version).as("version of flight %d", e.getKey()).isEqualTo(e.getValue().version());
          } else {
            assertThat(version).as("version of flight %d", e.getKey()).isGreaterThanOrEqualTo(e.getValue().version());
          }
          if (version == e.getValue().version()) {
            assertThat(rs.getObject(2, LocalDateTime.class)).as("departure of flight %d", e.getKey()).isEqualTo(e.getValue().departure());
            assertThat(rs.getObject(3, LocalDateTime.class)).as("arrival of flight %d", e.getKey()).isEqualTo(e.getValue().arrival());
          }
        }
      }
    }
    return newest.size();
  }
}
