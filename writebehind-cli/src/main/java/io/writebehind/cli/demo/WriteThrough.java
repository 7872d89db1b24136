package io.writebehind.cli.demo;

import io.lettuce.core.SetArgs;
import io.writebehind.flights.Flight;
import io.writebehind.flights.FlightCodec;
import io.writebehind.flights.FlightSql;
import io.writebehind.jdbc.Dialect;
import io.writebehind.ValkeyConnection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The synchronous patterns the demo compares write-behind with, run for real: one database
 * transaction (lock the row, UPDATE the times, INSERT the flight_log row, COMMIT) and then
 * the cache step, SET with a TTL for write-through or DEL for cache-aside.
 *
 * <p>It leaves no trace: the cache step goes to a probe key of the namespace (the engine
 * owns the real entries, and a SET there would bypass its versions), the UPDATE keeps
 * wb_version (guarded on it instead, so a write-behind flush is never overtaken), and
 * {@link #restore} puts the times back and deletes the probe's flight_log rows.
 */
final class WriteThrough {
  enum CacheStep { SET, DEL }

  private final DataSource dataSource;
  private final FlightSql sql;
  private final ValkeyConnection valkey;
  private final String probeKey;
  private final FlightCodec codec = new FlightCodec();
  final String comment = "writebehind probe " + UUID.randomUUID().toString().substring(0, 8);

  WriteThrough(DataSource dataSource, Dialect dialect, ValkeyConnection valkey, String namespace) {
    this.dataSource = dataSource;
    this.sql = FlightSql.of(dialect);
    this.valkey = valkey;
    this.probeKey = namespace + "#probe:" + comment.substring(comment.length() - 8);
  }

  /** One synchronous update of the flight to the given times; returns the nanoseconds it took. */
  long update(Flight flight, LocalDateTime departure, LocalDateTime arrival, CacheStep cacheStep) throws Exception {
    long t0 = System.nanoTime();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        writeRow(c, flight.flightId(), departure, arrival);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
    if (cacheStep == CacheStep.SET) {
      byte[] value = codec.encodeValue(flight.withTimes(departure, arrival));
      valkey.async().set(probeKey, value, SetArgs.Builder.ex(3600)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    } else {
      valkey.async().del(probeKey).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    return System.nanoTime() - t0;
  }

  private void writeRow(Connection c, long id, LocalDateTime departure, LocalDateTime arrival) throws SQLException {
    Object[] old = new Object[9];
    try (PreparedStatement ps = c.prepareStatement(sql.lockFlights(1))) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("flight " + id + " does not exist");
        }
        for (int i = 0; i < old.length; i++) {
          old[i] = rs.getObject(i + 1);
        }
      }
    }
    long version = ((Number) old[8]).longValue();
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE flight SET departure = ?, arrival = ? WHERE flight_id = ? AND wb_version = ?")) {
      ps.setObject(1, departure);
      ps.setObject(2, arrival);
      ps.setLong(3, id);
      ps.setLong(4, version);
      if (ps.executeUpdate() != 1) {
        throw new SQLException("flight " + id + " changed under its row lock");
      }
    }
    try (PreparedStatement ps = c.prepareStatement(sql.insertLog())) {
      int i = 0;
      ps.setString(++i, "writebehind");
      ps.setLong(++i, id);
      ps.setString(++i, old[1].toString().strip());
      ps.setString(++i, old[1].toString().strip());
      ps.setObject(++i, old[2]);
      ps.setObject(++i, old[2]);
      ps.setObject(++i, old[3]);
      ps.setObject(++i, old[3]);
      ps.setObject(++i, old[4]);
      ps.setObject(++i, departure);
      ps.setObject(++i, old[5]);
      ps.setObject(++i, arrival);
      ps.setObject(++i, old[6]);
      ps.setObject(++i, old[6]);
      ps.setObject(++i, old[7]);
      ps.setObject(++i, old[7]);
      ps.setString(++i, comment);
      ps.executeUpdate();
    }
  }

  /** Puts the flight's times back, deletes the probe's log rows (write-behind ones too) and its cache key. */
  void restore(Flight original) throws Exception {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE flight SET departure = ?, arrival = ? WHERE flight_id = ?")) {
          ps.setObject(1, original.departure());
          ps.setObject(2, original.arrival());
          ps.setLong(3, original.flightId());
          ps.executeUpdate();
        }
        deleteLogRows(c, original.flightId());
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
    valkey.async().del(probeKey).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Deletes the flight_log rows of this probe only (the sink may append " (N updates coalesced)"). */
  int deleteLogRows(long flightId) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return deleteLogRows(c, flightId);
    }
  }

  private int deleteLogRows(Connection c, long flightId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM flight_log WHERE flight_id = ? AND comment LIKE ?")) {
      ps.setLong(1, flightId);
      ps.setString(2, comment + "%");
      return ps.executeUpdate();
    }
  }
}
