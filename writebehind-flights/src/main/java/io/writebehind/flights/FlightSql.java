package io.writebehind.flights;

import io.writebehind.jdbc.Dialect;
import io.writebehind.jdbc.VersionGuard;
import java.util.Collections;
import java.util.Objects;

/**
 * The SQL the walkthrough runs, per dialect. {@code from}, {@code to} and {@code user} are
 * reserved words, so they are quoted the dialect's way; public so a verbose demo can print
 * exactly what ran.
 */
public final class FlightSql {

  private final Dialect dialect;

  private FlightSql(Dialect dialect) {
    this.dialect = Objects.requireNonNull(dialect, "dialect");
  }

  public static FlightSql of(Dialect dialect) {
    return new FlightSql(dialect);
  }

  public Dialect dialect() {
    return dialect;
  }

  /** An identifier quoted for the dialect. */
  public String q(String identifier) {
    return dialect == Dialect.MARIADB ? "`" + identifier + "`" : "\"" + identifier + "\"";
  }

  /** The original's read query: a flight with its airports' IATA codes and airline name. */
  public String readFlight() {
    return "SELECT f.flight_id, f.flightno, f.departure, f.arrival, f.airline_id, f.airplane_id,"
        + " dep.iata AS from_airport, arr.iata AS to_airport, al.airlinename"
        + " FROM flight f"
        + " JOIN airport dep ON dep.airport_id = f." + q("from")
        + " JOIN airport arr ON arr.airport_id = f." + q("to")
        + " JOIN airline al ON al.airline_id = f.airline_id"
        + " WHERE f.flight_id = ?";
  }

  /** Locks {@code count} flight rows and reads what a flight_log row needs as old values. */
  public String lockFlights(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, was " + count);
    }
    return "SELECT flight_id, flightno, " + q("from") + ", " + q("to")
        + ", departure, arrival, airplane_id, airline_id, wb_version"
        + " FROM flight WHERE flight_id IN (" + String.join(", ", Collections.nCopies(count, "?"))
        + ") FOR UPDATE";
  }

  /** Parameters: departure, arrival, version, flight_id, version. */
  /**
   * PostgreSQL: the same lock with the ids as one array parameter (text, cast), a statement
   * whose plan PostgreSQL keeps from batch to batch.
   */
  public String lockFlightsArray() {
    return "SELECT flight_id, flightno, " + q("from") + ", " + q("to")
        + ", departure, arrival, airplane_id, airline_id, wb_version"
        + " FROM flight WHERE flight_id = ANY(CAST(? AS int8[])) FOR UPDATE";
  }

  /**
   * PostgreSQL: every flight of a batch in one UPDATE, from four arrays (id, departure,
   * arrival, version as text), instead of one statement per flight.
   */
  public String updateTimesBulk() {
    return "UPDATE flight AS f SET departure = v.departure, arrival = v.arrival, wb_version = v.version"
        + " FROM unnest(CAST(? AS int8[]), CAST(? AS timestamp[]), CAST(? AS timestamp[]), CAST(? AS int8[]))"
        + " AS v(flight_id, departure, arrival, version)"
        + " WHERE f.flight_id = v.flight_id AND " + VersionGuard.older("f.wb_version", "v.version");
  }

  public String updateTimes() {
    return "UPDATE flight SET departure = ?, arrival = ?, wb_version = ?"
        + " WHERE flight_id = ? AND " + VersionGuard.older("wb_version", "?");
  }

  /**
   * Parameters: user, flight_id, flightno old/new, from old/new, to old/new, departure
   * old/new, arrival old/new, airplane_id old/new, airline_id old/new, comment.
   */
  public String insertLog() {
    return "INSERT INTO flight_log (log_date, " + q("user") + ", flight_id,"
        + " flightno_old, flightno_new, from_old, from_new, to_old, to_new,"
        + " departure_old, departure_new, arrival_old, arrival_new,"
        + " airplane_id_old, airplane_id_new, airline_id_old, airline_id_new, comment)"
        + " VALUES (" + now() + ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  }

  /**
   * PostgreSQL: every log row of a batch in one INSERT, from arrays (one per distinct value;
   * the columns that cannot change take the same array twice), instead of one bound row per
   * flight. Timestamps travel as text, as in {@link #updateTimesBulk}.
   */
  public String insertLogBulk() {
    return "INSERT INTO flight_log (log_date, " + q("user") + ", flight_id,"
        + " flightno_old, flightno_new, from_old, from_new, to_old, to_new,"
        + " departure_old, departure_new, arrival_old, arrival_new,"
        + " airplane_id_old, airplane_id_new, airline_id_old, airline_id_new, comment)"
        + " SELECT NOW(), v.u, v.id, v.no, v.no, v.fr, v.fr, v.t, v.t, v.dep_old, v.dep_new, v.arr_old, v.arr_new,"
        + " v.plane, v.plane, v.line, v.line, v.c"
        + " FROM unnest(CAST(? AS varchar[]), CAST(? AS int4[]), CAST(? AS varchar[]), CAST(? AS int2[]), CAST(? AS int2[]),"
        + " CAST(? AS timestamp[]), CAST(? AS timestamp[]), CAST(? AS timestamp[]), CAST(? AS timestamp[]),"
        + " CAST(? AS int4[]), CAST(? AS int2[]), CAST(? AS varchar[]))"
        + " AS v(u, id, no, fr, t, dep_old, dep_new, arr_old, arr_new, plane, line, c)";
  }

  public String selectLog() {
    return "SELECT log_date, " + q("user") + ", flight_id,"
        + " flightno_old, flightno_new, from_old, from_new, to_old, to_new,"
        + " departure_old, departure_new, arrival_old, arrival_new,"
        + " airplane_id_old, airplane_id_new, airline_id_old, airline_id_new, comment"
        + " FROM flight_log WHERE flight_id = ? ORDER BY log_date, departure_new, arrival_new";
  }

  public String countLog() {
    return "SELECT COUNT(*) FROM flight_log WHERE flight_id = ?";
  }

  public String version() {
    return "SELECT wb_version FROM flight WHERE flight_id = ?";
  }

  public String flightIdRange() {
    return "SELECT MIN(flight_id), MAX(flight_id) FROM flight";
  }

  public String insertAirport() {
    return "INSERT INTO airport (airport_id, iata, icao, name) VALUES (?, ?, ?, ?)";
  }

  public String insertAirline() {
    return "INSERT INTO airline (airline_id, iata, airlinename, base_airport) VALUES (?, ?, ?, ?)";
  }

  public String insertAirplane() {
    return "INSERT INTO airplane (airplane_id, capacity, type_id, airline_id) VALUES (?, ?, ?, ?)";
  }

  public String insertFlight() {
    return "INSERT INTO flight (flight_id, flightno, " + q("from") + ", " + q("to")
        + ", departure, arrival, airline_id, airplane_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  }

  private String now() {
    // H2 has no NOW() outside compatibility modes; LOCALTIMESTAMP is its local-time equivalent.
    return dialect == Dialect.H2 ? "LOCALTIMESTAMP" : "NOW()";
  }
}
