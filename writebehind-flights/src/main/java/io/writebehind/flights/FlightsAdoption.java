package io.writebehind.flights;

import io.writebehind.jdbc.Dialect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Takes over a FlughafenDB database that writebehind did not create (the original
 * workshop's, loaded from upstream's DDL): adds {@code flight.wb_version} and records a
 * migration baseline at our first migration, whose tables it already has, so later
 * migrations run on top and validate. It removes the history a migration against those
 * tables left behind (a failed V1 on MariaDB, a bare baseline on PostgreSQL, whose DDL
 * rolled back). It changes no row and touches no other table. Each step checks before it
 * acts, so a run that died midway is completed by the next.
 */
public final class FlightsAdoption {

  /** The tables writebehind uses and their columns as our first migration creates them, wb_version aside. */
  static final Map<String, List<String>> REQUIRED = required();

  static final String VERSION_COLUMN = "wb_version";
  /** Our first migration: the tables the original already has. */
  static final MigrationVersion BASELINE = MigrationVersion.fromVersion("1");
  static final String BASELINE_DESCRIPTION = "adopted FlughafenDB schema";

  /** What a database holds of the flights schema. */
  public enum State {
    /** None of the flights tables: migrating creates them. */
    EMPTY,
    /** Flights tables no migration of ours created or baselined. */
    UNMANAGED,
    /** The history records a migration that failed. */
    FAILED_MIGRATION,
    /** Ours: created by our migrations or adopted. */
    MANAGED
  }

  /**
   * What {@link #adopt} did.
   *
   * @param alreadyManaged the database was ours already: nothing to do
   * @param removedHistory failed or bare history rows it removed (0 when none)
   * @param addedVersionColumn whether it added flight.wb_version (false: there already)
   * @param baselined whether it recorded the baseline
   */
  public record Outcome(boolean alreadyManaged, int removedHistory, boolean addedVersionColumn, boolean baselined) {}

  private FlightsAdoption() {}

  private static Map<String, List<String>> required() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("airport", List.of("airport_id", "iata", "icao", "name"));
    m.put("airline", List.of("airline_id", "iata", "airlinename", "base_airport"));
    m.put("airplane", List.of("airplane_id", "capacity", "type_id", "airline_id"));
    m.put("flight", List.of("flight_id", "flightno", "from", "to", "departure", "arrival", "airline_id", "airplane_id"));
    m.put("flight_log", List.of("log_date", "user", "flight_id", "flightno_old", "flightno_new", "from_old", "to_old",
        "from_new", "to_new", "departure_old", "arrival_old", "departure_new", "arrival_new", "airplane_id_old",
        "airplane_id_new", "airline_id_old", "airline_id_new", "comment"));
    return java.util.Collections.unmodifiableMap(m);
  }

  /** The state of the flights schema in the data source's current database or schema. */
  public static State state(DataSource dataSource, Dialect dialect) throws SQLException {
    Map<String, Set<String>> tables = columns(dataSource);
    return state(tables, tables.containsKey(FlightsSchema.HISTORY_TABLE) ? applied(dataSource, dialect) : List.of());
  }

  private static State state(Map<String, Set<String>> tables, List<MigrationInfo> applied) {
    if (applied.stream().anyMatch(m -> m.getState().isFailed())) {
      return State.FAILED_MIGRATION;
    }
    if (applied.stream().anyMatch(FlightsAdoption::atOrAboveBaseline)) {
      return State.MANAGED;
    }
    return REQUIRED.keySet().stream().anyMatch(tables::containsKey) ? State.UNMANAGED : State.EMPTY;
  }

  /** A history, and a flight table (if any) with wb_version: as our migrations or an adoption leave it. */
  static boolean looksManaged(Map<String, Set<String>> tables) {
    Set<String> flight = tables.get("flight");
    return tables.containsKey(FlightsSchema.HISTORY_TABLE) && (flight == null || flight.contains(VERSION_COLUMN));
  }

  private static boolean atOrAboveBaseline(MigrationInfo m) {
    return !m.getState().isFailed() && m.getVersion() != null && m.getVersion().compareTo(BASELINE) >= 0;
  }

  /** What the database lacks of the tables and columns writebehind uses ("table airline", "column flight.arrival"). */
  public static List<String> missing(DataSource dataSource) throws SQLException {
    return missing(columns(dataSource));
  }

  private static List<String> missing(Map<String, Set<String>> tables) {
    List<String> missing = new ArrayList<>();
    REQUIRED.forEach((table, cols) -> {
      Set<String> have = tables.get(table);
      if (have == null) {
        missing.add("table " + table);
        return;
      }
      for (String col : cols) {
        if (!have.contains(col)) {
          missing.add("column " + table + "." + col);
        }
      }
    });
    return missing;
  }

  /**
   * Adopts the database: see the class comment.
   *
   * @throws UnrecognisedSchemaException when tables or columns writebehind uses are missing
   *     (then nothing was changed)
   */
  public static Outcome adopt(DataSource dataSource, Dialect dialect) throws SQLException {
    Map<String, Set<String>> tables = columns(dataSource);
    boolean hasHistory = tables.containsKey(FlightsSchema.HISTORY_TABLE);
    List<MigrationInfo> applied = hasHistory ? applied(dataSource, dialect) : List.of();
    State state = state(tables, applied);
    boolean ourTablesApplied = applied.stream().anyMatch(FlightsAdoption::atOrAboveBaseline);
    if (state == State.MANAGED) {
      return new Outcome(true, 0, false, false);
    }
    if (state == State.FAILED_MIGRATION && ourTablesApplied) {
      // A later migration of ours failed on tables we own: Flyway's own repair drops its row.
      int failed = (int) applied.stream().filter(m -> m.getState().isFailed()).count();
      flyway(dataSource, dialect).repair();
      return new Outcome(false, failed, false, false);
    }
    List<String> missing = missing(tables);
    if (!missing.isEmpty()) {
      throw new UnrecognisedSchemaException(missing, REQUIRED.keySet().stream().noneMatch(tables::containsKey));
    }
    FlightSql sql = FlightSql.of(dialect);
    boolean addColumn = !tables.get("flight").contains(VERSION_COLUMN);
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
      if (addColumn) {
        // The default fills every row at once without rewriting it (an instant column on
        // MariaDB 10.3+, a catalog default on PostgreSQL 11+): older than any write's version.
        st.execute("ALTER TABLE flight ADD COLUMN " + VERSION_COLUMN + " BIGINT NOT NULL DEFAULT 0");
      }
      if (hasHistory) {
        // It holds nothing of ours: a baseline below our first migration and that migration's
        // failure on these very tables. Flyway baselines only a history that is empty.
        st.execute("DROP TABLE " + sql.q(FlightsSchema.HISTORY_TABLE));
      }
    }
    Flyway.configure()
        .dataSource(dataSource)
        .locations(FlightsSchema.location(dialect))
        .table(FlightsSchema.HISTORY_TABLE)
        .baselineVersion(BASELINE.getVersion())
        .baselineDescription(BASELINE_DESCRIPTION)
        .load()
        .baseline();
    return new Outcome(false, applied.size(), addColumn, true);
  }

  private static List<MigrationInfo> applied(DataSource dataSource, Dialect dialect) {
    return List.of(flyway(dataSource, dialect).info().applied());
  }

  private static Flyway flyway(DataSource dataSource, Dialect dialect) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations(FlightsSchema.location(dialect))
        .table(FlightsSchema.HISTORY_TABLE)
        .load();
  }

  /**
   * The tables of the current database (MariaDB) or schema (PostgreSQL, H2) with their
   * columns, names lower-cased: H2 keeps unquoted names upper-case.
   */
  static Map<String, Set<String>> columns(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      DatabaseMetaData md = c.getMetaData();
      String catalog = c.getCatalog();
      String schema = c.getSchema();
      Map<String, Set<String>> tables = new HashMap<>();
      try (ResultSet rs = md.getColumns(catalog, schema, "%", "%")) {
        while (rs.next()) {
          if (schema != null && !schema.equals(rs.getString("TABLE_SCHEM"))) {
            continue;
          }
          tables.computeIfAbsent(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT), t -> new HashSet<>())
              .add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
        }
      }
      return tables;
    }
  }
}
