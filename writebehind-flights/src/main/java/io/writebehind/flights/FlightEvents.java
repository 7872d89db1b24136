package io.writebehind.flights;

import io.writebehind.Events;
import io.writebehind.EventsBuilder;
import io.writebehind.jdbc.JdbcEventSink;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Position reports of flights: events appended in Valkey (the latest per flight cached) that
 * workers copy into the {@value FlightsSchema#EVENTS_TABLE} table exactly once, each row
 * carrying the id its append returned. PostgreSQL and MariaDB/MySQL only.
 */
public final class FlightEvents {
  /** The events' namespace unless another is given: apart from the flights' and the counters'. */
  public static final String NAMESPACE = "flight_event";

  private FlightEvents() {}

  /**
   * Events over the table, reports encoded by {@link FlightReportCodec}; the caller sets the
   * namespace, partitions and anything else, then builds. Building the sink checks the table
   * and creates the positions table if it is missing.
   *
   * @throws IllegalStateException on H2, which has no bulk path for events
   */
  public static EventsBuilder<Long, FlightReport> builder(String valkeyUrl, DataSource dataSource) {
    return Events.builder(new FlightReportCodec()).valkeyUrl(valkeyUrl).sink(sink(dataSource));
  }

  static JdbcEventSink<Long, FlightReport> sink(DataSource dataSource) {
    return JdbcEventSink.<Long, FlightReport>builder(dataSource, FlightsSchema.EVENTS_TABLE)
        .idColumn("event_id").keyColumn("flight_id")
        // UTC in a column without a zone: the same on PostgreSQL and MariaDB, whatever the session's zone.
        .column("reported_at", r -> LocalDateTime.ofInstant(r.reportedAt(), ZoneOffset.UTC))
        .column("lat", FlightReport::lat).column("lon", FlightReport::lon)
        .column("altitude_ft", FlightReport::altitudeFt).column("speed_kt", FlightReport::speedKt)
        .column("status", FlightReport::status).build();
  }

  /** Rows in the table. */
  public static long rows(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + FlightsSchema.EVENTS_TABLE)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * How many rows carry each event id in [{@code fromId}, {@code toId}]: a run's events, given
   * ids from before its first append and after its last (ids are the journal's clock in
   * milliseconds times a million), logged or not; more than one is a doubled event.
   */
  public static Map<Long, Integer> rowsPerId(DataSource dataSource, long fromId, long toId) throws SQLException {
    Map<Long, Integer> out = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT event_id, COUNT(*) FROM " + FlightsSchema.EVENTS_TABLE
            + " WHERE event_id BETWEEN ? AND ? GROUP BY event_id")) {
      ps.setLong(1, fromId);
      ps.setLong(2, toId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getLong(1), rs.getInt(2));
        }
      }
    }
    return out;
  }

  /** The flight's report with the highest event id (the last appended), as the database holds it. */
  public static Optional<FlightReport> newest(DataSource dataSource, long flightId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT reported_at, lat, lon, altitude_ft, speed_kt, status FROM "
            + FlightsSchema.EVENTS_TABLE + " WHERE flight_id = ? ORDER BY event_id DESC LIMIT 1")) {
      ps.setLong(1, flightId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new FlightReport(rs.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getDouble(2),
            rs.getDouble(3), rs.getInt(4), rs.getInt(5), rs.getString(6)));
      }
    }
  }
}
