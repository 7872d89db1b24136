package io.writebehind.flights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.writebehind.jdbc.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FlightsSchemaIT {

  private static final FlightsDatabases DATABASES = new FlightsDatabases();

  @AfterAll
  static void dropDatabases() throws Exception {
    DATABASES.close();
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void flight115ReadsAsInTheWalkthrough(Dialect dialect) throws Exception {
    FreshDatabase db = DATABASES.get(dialect);
    Flight f = new FlightRepository(db.dataSource, dialect).find(115).orElseThrow();
    assertThat(f.flightId()).isEqualTo(115);
    assertThat(f.flightno()).isEqualTo("AM5136");
    assertThat(f.fromAirport()).isEqualTo("YPC");
    assertThat(f.toAirport()).isEqualTo("XGR");
    assertThat(f.airlinename()).isEqualTo("American Samoa Airlines");
    assertThat(f.departure()).isEqualTo(LocalDateTime.of(2025, 10, 1, 11, 19));
    assertThat(f.arrival()).isEqualTo(LocalDateTime.of(2025, 10, 1, 15, 3));
    assertThat(f.airlineId()).isEqualTo(FlightsGenerator.AM_ID);
    assertThat(f.airplaneId()).isEqualTo(FlightsGenerator.AM_AIRPLANE_ID);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void loadIsCompleteAndDetected(Dialect dialect) throws Exception {
    FreshDatabase db = DATABASES.get(dialect);
    FlightRepository repo = new FlightRepository(db.dataSource, dialect);
    assertThat(FlightsLoader.counts(db.dataSource, dialect))
        .isEqualTo(new FlightsCounts(9_939, 113, 5_583, FlightsDatabases.FLIGHTS));
    assertThat(FlightsLoader.isLoaded(db.dataSource, dialect, FlightsDatabases.FLIGHTS)).isTrue();
    assertThat(FlightsLoader.isLoaded(db.dataSource, dialect, 50_000)).isFalse();
    assertThat(repo.minFlightId()).isEqualTo(1);
    assertThat(repo.maxFlightId()).isEqualTo(FlightsDatabases.FLIGHTS);
    assertThat(repo.find(FlightsDatabases.FLIGHTS + 1)).isEmpty();
    assertThat(repo.version(115)).isZero();
    assertThat(repo.countLog(115)).isZero();
  }

  /** The load turns per-row foreign key checks off where it can; the data must not need them. */
  @ParameterizedTest
  @EnumSource(Dialect.class)
  void referencesAreIntactAndChecksAreBackOn(Dialect dialect) throws Exception {
    FreshDatabase db = DATABASES.get(dialect);
    FlightSql sql = FlightSql.of(dialect);
    String[] dangling = {
      "SELECT COUNT(*) FROM flight f LEFT JOIN airport a ON a.airport_id = f." + sql.q("from")
          + " WHERE a.airport_id IS NULL",
      "SELECT COUNT(*) FROM flight f LEFT JOIN airport a ON a.airport_id = f." + sql.q("to")
          + " WHERE a.airport_id IS NULL",
      "SELECT COUNT(*) FROM flight f LEFT JOIN airline a ON a.airline_id = f.airline_id"
          + " WHERE a.airline_id IS NULL",
      "SELECT COUNT(*) FROM flight f LEFT JOIN airplane a ON a.airplane_id = f.airplane_id"
          + " WHERE a.airplane_id IS NULL",
      "SELECT COUNT(*) FROM airplane p LEFT JOIN airline a ON a.airline_id = p.airline_id"
          + " WHERE a.airline_id IS NULL",
      "SELECT COUNT(*) FROM airline l LEFT JOIN airport a ON a.airport_id = l.base_airport"
          + " WHERE a.airport_id IS NULL",
    };
    try (Connection c = db.dataSource.getConnection(); Statement st = c.createStatement()) {
      for (String query : dangling) {
        try (ResultSet rs = st.executeQuery(query)) {
          rs.next();
          assertThat(rs.getLong(1)).as(query).isZero();
        }
      }
      String checksOn = switch (dialect) {
        case POSTGRESQL -> "SELECT current_setting('session_replication_role') = 'origin'";
        case MARIADB -> "SELECT @@foreign_key_checks = 1";
        case H2 -> "SELECT TRUE";
      };
      try (ResultSet rs = st.executeQuery(checksOn)) {
        rs.next();
        assertThat(rs.getBoolean(1)).as(checksOn).isTrue();
      }
      // A flight pointing nowhere is refused again.
      assertThatThrownBy(() -> st.executeUpdate("UPDATE flight SET airplane_id = 999999 WHERE flight_id = 7"))
          .isInstanceOf(SQLException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void storedRowsAreTheGeneratedOnes(Dialect dialect) throws Exception {
    FreshDatabase db = DATABASES.get(dialect);
    FlightsGenerator gen = new FlightsGenerator(FlightsDatabases.SEED);
    FlightRow row = gen.flights(4_321).next();
    Flight f = new FlightRepository(db.dataSource, dialect).find(row.flightId()).orElseThrow();
    assertThat(f.flightno()).isEqualTo(row.flightno());
    assertThat(f.departure()).isEqualTo(row.departure());
    assertThat(f.arrival()).isEqualTo(row.arrival());
    assertThat(f.fromAirport()).isEqualTo(gen.airports().get(row.from() - 1).iata());
    assertThat(f.toAirport()).isEqualTo(gen.airports().get(row.to() - 1).iata());
    assertThat(f.airlinename()).isEqualTo(gen.airlines().get(row.airlineId() - 1).airlinename());
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void migrateIsIdempotentAndResetStartsOver(Dialect dialect) throws Exception {
    try (FreshDatabase db = FreshDatabase.create(dialect)) {
      assertThat(FlightsSchema.migrate(db.dataSource, dialect)).isEqualTo(3);
      assertThat(FlightsSchema.migrate(db.dataSource, dialect)).isZero();
      assertThat(FlightsLoader.isLoaded(db.dataSource, dialect, 200)).isFalse();
      FlightsLoader.load(db.dataSource, dialect, 200, 1, null);
      exec(db, "INSERT INTO flight_stats (flight_id, views) VALUES (7, 41)");
      exec(db, "INSERT INTO flight_event (event_id, flight_id, reported_at, lat, lon, altitude_ft, speed_kt, status)"
          + " VALUES (1, 7, TIMESTAMP '2026-01-01 00:00:00', 0, 0, 0, 0, 'taxi')");
      // Loading again replaces rather than duplicates, and leaves the counters and events alone.
      FlightsLoader.load(db.dataSource, dialect, 200, 1, null);
      assertThat(FlightsLoader.isLoaded(db.dataSource, dialect, 200)).isTrue();
      assertThat(FlightStats.views(db.dataSource, java.util.List.of(7L, 8L))).containsEntry(7L, 41L).containsEntry(8L, 0L);
      assertThat(FlightEvents.rows(db.dataSource)).isEqualTo(1);
      FlightsSchema.reset(db.dataSource, dialect);
      assertThat(FlightsSchema.migrate(db.dataSource, dialect)).isEqualTo(3);
      assertThat(FlightsLoader.counts(db.dataSource, dialect)).isEqualTo(new FlightsCounts(0, 0, 0, 0));
    }
  }

  private static void exec(FreshDatabase db, String sql) throws SQLException {
    try (Connection c = db.dataSource.getConnection(); Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
