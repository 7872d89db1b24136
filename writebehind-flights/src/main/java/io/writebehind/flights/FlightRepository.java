package io.writebehind.flights;

import io.writebehind.jdbc.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** Reads flights the way the walkthrough does: the cache-miss load and the consistency checks. */
public final class FlightRepository {

  private final DataSource dataSource;
  private final FlightSql sql;

  public FlightRepository(DataSource dataSource, Dialect dialect) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.sql = FlightSql.of(dialect);
  }

  public FlightSql sql() {
    return sql;
  }

  /** The flight with its airports' IATA codes and airline name, as the original's read query returns it. */
  public Optional<Flight> find(long flightId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql.readFlight())) {
      ps.setLong(1, flightId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new Flight(
            rs.getLong("flight_id"),
            trim(rs.getString("flightno")),
            rs.getObject("departure", LocalDateTime.class),
            rs.getObject("arrival", LocalDateTime.class),
            rs.getInt("airline_id"),
            rs.getInt("airplane_id"),
            trim(rs.getString("from_airport")),
            trim(rs.getString("to_airport")),
            rs.getString("airlinename")));
      }
    }
  }

  /**
   * The highest write-behind version applied to the flight (0 before any).
   *
   * @throws NoSuchElementException if there is no such flight
   */
  public long version(long flightId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql.version())) {
      ps.setLong(1, flightId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new NoSuchElementException("no flight " + flightId);
        }
        return rs.getLong(1);
      }
    }
  }

  public int countLog(long flightId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql.countLog())) {
      ps.setLong(1, flightId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** The flight's flight_log rows, oldest first. */
  public List<FlightLogRow> log(long flightId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql.selectLog())) {
      ps.setLong(1, flightId);
      List<FlightLogRow> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(new FlightLogRow(
              rs.getObject(1, LocalDateTime.class),
              rs.getString(2),
              rs.getLong(3),
              trim(rs.getString(4)),
              trim(rs.getString(5)),
              rs.getInt(6),
              rs.getInt(7),
              rs.getInt(8),
              rs.getInt(9),
              rs.getObject(10, LocalDateTime.class),
              rs.getObject(11, LocalDateTime.class),
              rs.getObject(12, LocalDateTime.class),
              rs.getObject(13, LocalDateTime.class),
              rs.getInt(14),
              rs.getInt(15),
              rs.getInt(16),
              rs.getInt(17),
              rs.getString(18)));
        }
      }
      return rows;
    }
  }

  /** The smallest flight id, or 0 when there are no flights: with {@link #maxFlightId} the valid range. */
  public long minFlightId() throws SQLException {
    return flightIdRange()[0];
  }

  /** The largest flight id, or 0 when there are no flights. */
  public long maxFlightId() throws SQLException {
    return flightIdRange()[1];
  }

  private long[] flightIdRange() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql.flightIdRange());
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  /** CHAR columns come back blank-padded from PostgreSQL and H2; the original's values are not. */
  static String trim(String s) {
    return s == null ? null : s.stripTrailing();
  }
}
