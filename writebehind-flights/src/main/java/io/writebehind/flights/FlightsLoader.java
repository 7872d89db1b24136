package io.writebehind.flights;

import io.writebehind.jdbc.Dialect;
import io.writebehind.jdbc.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Fills the flights tables from {@link FlightsGenerator} with JDBC batches. The reference
 * tables commit in one transaction, the flights every {@value #FLIGHTS_PER_COMMIT} rows, so
 * the upstream size neither holds one huge transaction nor pays a commit per batch.
 * Batched inserts are fast only when the driver rewrites them into multi-row statements, as
 * the pools from {@code DataSources.hikari} are configured to. Per-row foreign key checks
 * are skipped where the database allows it (see {@link BulkSession}).
 *
 * <p>A load that fails halfway leaves the tables partly filled; {@link #isLoaded} then says
 * false and the next load starts over.
 */
public final class FlightsLoader {

  static final int BATCH = 5_000;
  static final int FLIGHTS_PER_COMMIT = 50_000;

  /** Called after every batch. */
  @FunctionalInterface
  public interface Progress {
    Progress NONE = (table, done, total) -> { };

    void update(String table, long done, long total);
  }

  private FlightsLoader() {}

  /**
   * Replaces whatever the flights tables hold (flight_log included: its rows describe the
   * replaced flights) with the generated data set.
   */
  public static FlightsCounts load(
      DataSource dataSource, Dialect dialect, long flights, long seed, Progress progress)
      throws SQLException {
    FlightsGenerator gen = new FlightsGenerator(seed);
    Iterator<FlightRow> flightRows = gen.flights(flights);
    Progress p = progress == null ? Progress.NONE : progress;
    FlightSql sql = FlightSql.of(dialect);
    Transactions.inTransaction(dataSource, c -> {
      BulkSession session = new BulkSession(c, dialect);
      try {
        session.begin();
        clear(c, dialect);
        insert(session, sql.insertAirport(), "airport", gen.airports().iterator(),
            FlightsGenerator.AIRPORTS, FlightsLoader::bindAirport, 0, p);
        insert(session, sql.insertAirline(), "airline", gen.airlines().iterator(),
            FlightsGenerator.AIRLINES, FlightsLoader::bindAirline, 0, p);
        insert(session, sql.insertAirplane(), "airplane", gen.airplanes().iterator(),
            FlightsGenerator.AIRPLANES, FlightsLoader::bindAirplane, 0, p);
        session.commit();
        insert(session, sql.insertFlight(), "flight", flightRows, flights,
            FlightsLoader::bindFlight, FLIGHTS_PER_COMMIT, p);
        session.commit();
        return null;
      } finally {
        session.end();
      }
    });
    return FlightsCounts.expected(flights);
  }

  /**
   * Whether a complete load of {@code flights} flights is in place: the counts match and
   * flight 115 is the walkthrough's flight. Lets the demo load on first use only.
   */
  public static boolean isLoaded(DataSource dataSource, Dialect dialect, long flights)
      throws SQLException {
    if (!counts(dataSource, dialect).equals(FlightsCounts.expected(flights))) {
      return false;
    }
    Optional<Flight> demo = new FlightRepository(dataSource, dialect).find(FlightsGenerator.DEMO_FLIGHT_ID);
    return demo.isPresent() && demo.get().flightno().equals(FlightsGenerator.DEMO_FLIGHTNO);
  }

  /** Current row counts; zeros when the tables are empty. */
  public static FlightsCounts counts(DataSource dataSource, Dialect dialect) throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
      return new FlightsCounts(
          count(st, "airport"), count(st, "airline"), count(st, "airplane"), count(st, "flight"));
    }
  }

  private static long count(Statement st, String table) throws SQLException {
    try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void clear(Connection c, Dialect dialect) throws SQLException {
    try (Statement st = c.createStatement()) {
      if (dialect == Dialect.POSTGRESQL) {
        st.execute("TRUNCATE " + String.join(", ", FlightsSchema.TABLES));
      } else {
        // MariaDB refuses TRUNCATE on tables other tables reference; DELETE in child order works everywhere.
        for (String table : FlightsSchema.TABLES) {
          st.executeUpdate("DELETE FROM " + table);
        }
      }
    }
  }

  /** Sets one row's parameters. */
  @FunctionalInterface
  private interface Binder<T> {
    void bind(PreparedStatement ps, T row) throws SQLException;
  }

  private static void bindAirport(PreparedStatement ps, AirportRow r) throws SQLException {
    ps.setInt(1, r.airportId());
    ps.setString(2, r.iata());
    ps.setString(3, r.icao());
    ps.setString(4, r.name());
  }

  private static void bindAirline(PreparedStatement ps, AirlineRow r) throws SQLException {
    ps.setInt(1, r.airlineId());
    ps.setString(2, r.iata());
    ps.setString(3, r.airlinename());
    ps.setInt(4, r.baseAirport());
  }

  private static void bindAirplane(PreparedStatement ps, AirplaneRow r) throws SQLException {
    ps.setInt(1, r.airplaneId());
    ps.setInt(2, r.capacity());
    ps.setInt(3, r.typeId());
    ps.setInt(4, r.airlineId());
  }

  private static void bindFlight(PreparedStatement ps, FlightRow r) throws SQLException {
    ps.setInt(1, r.flightId());
    ps.setString(2, r.flightno());
    ps.setInt(3, r.from());
    ps.setInt(4, r.to());
    ps.setObject(5, r.departure());
    ps.setObject(6, r.arrival());
    ps.setInt(7, r.airlineId());
    ps.setInt(8, r.airplaneId());
  }

  /** Inserts in batches of {@value #BATCH}, committing every {@code commitEvery} rows (0: never). */
  private static <T> void insert(BulkSession session, String sql, String table, Iterator<T> rows,
      long total, Binder<T> binder, int commitEvery, Progress p) throws SQLException {
    try (PreparedStatement ps = session.connection().prepareStatement(sql)) {
      long done = 0;
      int pending = 0;
      while (rows.hasNext()) {
        binder.bind(ps, rows.next());
        ps.addBatch();
        if (++pending == BATCH || !rows.hasNext()) {
          ps.executeBatch();
          done += pending;
          pending = 0;
          if (commitEvery > 0 && done % commitEvery == 0) {
            session.commit();
          }
          p.update(table, done, total);
        }
      }
    }
  }
}
