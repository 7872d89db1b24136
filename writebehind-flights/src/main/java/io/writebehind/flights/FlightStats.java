package io.writebehind.flights;

import io.writebehind.Codecs;
import io.writebehind.CountersBuilder;
import io.writebehind.Counters;
import io.writebehind.jdbc.JdbcCounterSink;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Page views and bookings per flight: counters in Valkey whose deltas workers add to the
 * {@value FlightsSchema#STATS_TABLE} table exactly once.
 */
public final class FlightStats {
  /** The counters' namespace unless another is given: apart from the flights' own ({@code flight}). */
  public static final String NAMESPACE = "flight_stats";
  public static final String VIEWS = "views";
  public static final String BOOKINGS = "bookings";

  private FlightStats() {}

  /**
   * Counters over the table, fields {@code views} and {@code bookings}; the caller sets the
   * namespace, partitions and anything else, then builds. Building the sink creates its
   * positions table if it is missing.
   */
  public static CountersBuilder<Long> builder(String valkeyUrl, DataSource dataSource) {
    return Counters.builder(Codecs.longKeys()).valkeyUrl(valkeyUrl).fields(VIEWS, BOOKINGS)
        .sink(JdbcCounterSink.<Long>builder(dataSource, FlightsSchema.STATS_TABLE, "flight_id").build());
  }

  /** The database's views of each flight (0 for a flight without a row). */
  public static Map<Long, Long> views(DataSource dataSource, Collection<Long> flightIds) throws SQLException {
    Map<Long, Long> out = new TreeMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT views FROM " + FlightsSchema.STATS_TABLE + " WHERE flight_id = ?")) {
      for (long id : flightIds) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          out.put(id, rs.next() ? rs.getLong(1) : 0L);
        }
      }
    }
    return out;
  }
}
