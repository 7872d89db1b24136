package io.writebehind.spring;

import java.sql.Timestamp;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.jdbc.core.JdbcTemplate;

/** A service as a user writes it: reads from the database on a miss, writes through the cache. */
public class FlightService {
  private final JdbcTemplate jdbc;
  private final AtomicInteger loads = new AtomicInteger();

  public FlightService(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Database reads so far (a method: the bean is a proxy). */
  public int loads() {
    return loads.get();
  }

  @Cacheable(cacheNames = "flights", key = "#id", sync = true)
  public Flight find(long id) {
    loads.incrementAndGet();
    return jdbc.query("SELECT departure, arrival FROM flight WHERE id = ?", rs -> rs.next()
        ? new Flight(rs.getObject(1, Timestamp.class).toInstant(), rs.getObject(2, Timestamp.class).toInstant())
        : null, id);
  }

  @CachePut(cacheNames = "flights", key = "#id")
  public Flight update(long id, Flight flight) {
    return flight;
  }

  @CacheEvict(cacheNames = "flights", key = "#id")
  public void remove(long id) {}
}
