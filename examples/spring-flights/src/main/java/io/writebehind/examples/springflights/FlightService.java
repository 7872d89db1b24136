package io.writebehind.examples.springflights;

import java.sql.Timestamp;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Flights: read cache-aside from PostgreSQL, written behind through the cache. */
@Service
public class FlightService {
  private final JdbcTemplate jdbc;

  public FlightService(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A miss reads the row and fills the cache (sync: a fill, never a write back to the database). */
  @Cacheable(cacheNames = "flights", key = "#id", sync = true)
  public Flight find(long id) {
    return jdbc.query("SELECT departure, arrival FROM flights WHERE id = ?", rs -> rs.next()
        ? new Flight(rs.getObject(1, Timestamp.class).toInstant(), rs.getObject(2, Timestamp.class).toInstant())
        : null, id);
  }

  /** Stored in Valkey when it returns; the worker writes it to the flights table. */
  @CachePut(cacheNames = "flights", key = "#id")
  public Flight update(long id, Flight flight) {
    return flight;
  }

  /** The write-through variant, for comparison: the row is upserted before the answer. */
  public Flight updateWriteThrough(long id, Flight flight) {
    jdbc.update("INSERT INTO flights (id, departure, arrival, wb_version) VALUES (?, ?, ?, 0) "
        + "ON CONFLICT (id) DO UPDATE SET departure = EXCLUDED.departure, arrival = EXCLUDED.arrival",
        id, Timestamp.from(flight.departure()), Timestamp.from(flight.arrival()));
    return flight;
  }
}
