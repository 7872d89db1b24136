package io.writebehind.flights;

import io.writebehind.jdbc.Dialect;
import io.writebehind.jdbc.Transactions;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Creates and removes the flights tables. Flyway keeps its own history table
 * ({@value #HISTORY_TABLE}) so the flights schema can share a database with other
 * applications and their own Flyway histories.
 */
public final class FlightsSchema {

  public static final String HISTORY_TABLE = "flights_schema_history";

  /** Children before parents, so foreign keys never block a drop. */
  static final List<String> TABLES = List.of("flight_log", "flight", "airplane", "airline", "airport");

  /**
   * Counters per flight (views, bookings): dropped by {@link #reset} with the rest, but not
   * emptied when the sample flights are loaded again, since workers add to it.
   */
  public static final String STATS_TABLE = "flight_stats";

  /** Position reports per flight (events): dropped by {@link #reset}, kept by a reload, like {@link #STATS_TABLE}. */
  public static final String EVENTS_TABLE = "flight_event";

  private FlightsSchema() {}

  /** The classpath folder holding the dialect's migrations. */
  public static String location(Dialect dialect) {
    return "classpath:db/flights/" + dialect.name().toLowerCase(Locale.ROOT);
  }

  /**
   * Brings the flights tables up to date.
   *
   * @return how many migrations ran (0 when already current)
   */
  public static int migrate(DataSource dataSource, Dialect dialect) {
    // Flyway would baseline below V1 and run it over tables it did not create: on MariaDB
    // that leaves a failed V1 in the history, which every later run then refuses.
    requireAdopted(dataSource, dialect, true);
    try {
      return flyway(dataSource, dialect).migrate().migrationsExecuted;
    } catch (RuntimeException e) {
      requireAdopted(dataSource, dialect, false);
      throw e;
    }
  }

  /**
   * Throws {@link AdoptionNeededException} when the database needs {@link FlightsAdoption#adopt}
   * first. {@code quick} reads the history only when the tables look like someone else's (no
   * history, or a flight table without wb_version, which every migrated or adopted one has),
   * so the usual start pays one metadata query.
   */
  private static void requireAdopted(DataSource dataSource, Dialect dialect, boolean quick) {
    FlightsAdoption.State state;
    try {
      if (quick && FlightsAdoption.looksManaged(FlightsAdoption.columns(dataSource))) {
        return;
      }
      state = FlightsAdoption.state(dataSource, dialect);
    } catch (SQLException | RuntimeException e) {
      return; // migrating reports the database's failure itself
    }
    switch (state) {
      case UNMANAGED -> throw new AdoptionNeededException(state,
          "the database holds FlughafenDB tables writebehind did not create");
      case FAILED_MIGRATION -> throw new AdoptionNeededException(state,
          "the flights schema history records a failed migration");
      default -> { }
    }
  }

  /** Drops the flights tables and their migration history; other tables are untouched. */
  public static void reset(DataSource dataSource, Dialect dialect) throws SQLException {
    FlightSql sql = FlightSql.of(dialect);
    Transactions.inTransaction(dataSource, c -> {
      try (Statement st = c.createStatement()) {
        for (String table : TABLES) {
          st.execute("DROP TABLE IF EXISTS " + table);
        }
        st.execute("DROP TABLE IF EXISTS " + STATS_TABLE);
        st.execute("DROP TABLE IF EXISTS " + EVENTS_TABLE);
        return st.execute("DROP TABLE IF EXISTS " + sql.q(HISTORY_TABLE));
      }
    });
  }

  private static Flyway flyway(DataSource dataSource, Dialect dialect) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations(location(dialect))
        .table(HISTORY_TABLE)
        // The database may already hold other tables (the generic sinks', an app's own):
        // baseline below V1 so our migrations still run there.
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load();
  }
}
