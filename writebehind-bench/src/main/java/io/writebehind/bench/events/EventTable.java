package io.writebehind.bench.events;

import com.zaxxer.hikari.HikariDataSource;
import io.writebehind.bench.Db;
import io.writebehind.bench.Fixture;
import io.writebehind.bench.SystemNames;
import io.writebehind.jdbc.Dialect;
import io.writebehind.jdbc.JdbcEventSink;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One system's position-report table, as the flights' {@code flight_event} would be: the
 * event's id, the flight, and the report's five values. No index: an append-only table that
 * is read by time range would get a BRIN or none, and an index would be the same cost for
 * every system.
 */
public final class EventTable {
  /** The flights reports are about: each has a latest report in the cache. */
  public static final long FLIGHTS = 100_000;
  static final String COLUMNS = "event_id, flight_id, reported_at, lat, lon, altitude_ft, status";

  private EventTable() {}

  public static String create(Fixture fixture, String system) throws SQLException {
    return createNamed(fixture, "ev_" + SystemNames.code(system));
  }

  static String createNamed(Fixture fixture, String table) throws SQLException {
    String time = fixture.dialect == Dialect.MARIADB ? "DATETIME(3)" : "TIMESTAMPTZ";
    String dbl = fixture.dialect == Dialect.MARIADB ? "DOUBLE" : "DOUBLE PRECISION";
    // the warm-up opened the floor before: its table is dropped and made again, empty
    Db.update(fixture.admin(), "DROP TABLE IF EXISTS " + table);
    Db.update(fixture.admin(), "CREATE TABLE " + table + " (event_id BIGINT NOT NULL, flight_id BIGINT NOT NULL, "
        + "reported_at " + time + " NOT NULL, lat " + dbl + ", lon " + dbl + ", altitude_ft INTEGER, status VARCHAR(16))");
    return table;
  }

  /** The library's sink for the table: the same columns as {@link #row}. */
  public static JdbcEventSink<Long, Report> sink(HikariDataSource pool, String table) {
    return JdbcEventSink.<Long, Report>builder(pool, table).idColumn("event_id").keyColumn("flight_id")
        .column("reported_at", Report::at).column("lat", Report::lat).column("lon", Report::lon)
        .column("altitude_ft", Report::altitudeFt).column("status", Report::status).build();
  }

  /** The flight of the i-th event of a backlog: flights in turn, as reports from many flights arrive. */
  public static long flight(long i) {
    return 1 + Math.floorMod(i, FLIGHTS);
  }

  /** A backlog's rows, as the sink's columns map them: ids 1..count. */
  static List<Object[]> rows(int count) {
    List<Object[]> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long flight = flight(i);
      rows.add(row(i + 1, flight, Report.of(flight, i)));
    }
    return rows;
  }

  static Object[] row(long id, long flight, Report r) {
    return new Object[] {id, flight, r.at(), r.lat(), r.lon(), r.altitudeFt(), r.status()};
  }

  static void truncate(Fixture fixture, String table) throws SQLException {
    Db.update(fixture.admin(), (fixture.dialect == Dialect.MARIADB ? "TRUNCATE TABLE " : "TRUNCATE ") + table);
  }

  static long count(Fixture fixture, String table) throws SQLException {
    return Db.queryLong(fixture.admin(), "SELECT COUNT(*) FROM " + table);
  }
}
