package io.writebehind.cli.chaos;

import io.writebehind.WriteBehind;
import io.writebehind.flights.Flight;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The end of a chaos run: the database and the cache against the highest acknowledged
 * write of every key (promise 2). A key is lost when the database holds an older version, or
 * the same version with other times, or a newer version whose times no writer ever tried
 * (a newer version is fine only when it is one of the writes whose put failed in doubt).
 */
final class FinalCheck {
  record Outcome(long checked, long lost, long inDoubtLanded, long cacheDiffers, List<String> details) {}

  private record Row(LocalDateTime departure, LocalDateTime arrival, long version) {}

  private FinalCheck() {}

  static Outcome run(DataSource dataSource, int keys, WriteBehind<Long, Flight> engine, Ledger ledger) throws SQLException {
    Map<Long, Row> db = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT flight_id, departure, arrival, wb_version FROM flight WHERE flight_id BETWEEN 1 AND ?")) {
      ps.setLong(1, keys);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          db.put(rs.getLong(1), new Row(rs.getObject(2, LocalDateTime.class), rs.getObject(3, LocalDateTime.class), rs.getLong(4)));
        }
      }
    }
    Map<Long, Ledger.Ack> newest = ledger.newest();
    Map<Long, Flight> cached = engine.getAllPresent(new ArrayList<>(newest.keySet()));
    long lost = 0;
    long landed = 0;
    long cacheDiffers = 0;
    List<String> details = new ArrayList<>();
    for (Map.Entry<Long, Ledger.Ack> e : newest.entrySet()) {
      long key = e.getKey();
      Ledger.Ack ack = e.getValue();
      Row row = db.get(key);
      String problem = null;
      if (row == null) {
        problem = "flight " + key + " is missing from the database";
      } else if (row.version() < ack.version()) {
        problem = "flight " + key + ": database at version " + row.version() + ", acknowledged " + ack.version();
      } else if (row.version() == ack.version() && !sameTimes(row, ack.departure(), ack.arrival())) {
        problem = "flight " + key + ": version " + row.version() + " holds " + row.departure() + "/" + row.arrival()
            + ", the acknowledged write was " + ack.departure() + "/" + ack.arrival();
      } else if (row.version() > ack.version()) {
        if (ledger.wasInDoubt(key, row.departure(), row.arrival())) {
          landed++;
        } else {
          problem = "flight " + key + ": database at version " + row.version() + " above every acknowledged write ("
              + ack.version() + ") with times no failed write had";
        }
      }
      if (problem != null) {
        lost++;
        if (details.size() < 20) {
          details.add(problem);
        }
        continue;
      }
      Flight c = cached.get(key);
      if (c == null || !sameTimes(row, c.departure(), c.arrival())) {
        cacheDiffers++;
        if (details.size() < 20) {
          details.add("flight " + key + ": cache holds " + (c == null ? "nothing" : c.departure() + "/" + c.arrival())
              + ", database " + row.departure() + "/" + row.arrival());
        }
      }
    }
    return new Outcome(newest.size(), lost, landed, cacheDiffers, details);
  }

  private static boolean sameTimes(Row row, LocalDateTime departure, LocalDateTime arrival) {
    return row.departure().equals(departure) && row.arrival().equals(arrival);
  }
}
