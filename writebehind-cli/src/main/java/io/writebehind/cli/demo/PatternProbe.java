package io.writebehind.cli.demo;

import io.writebehind.cli.Session;
import io.writebehind.WriteBehind;
import io.writebehind.flights.Flight;
import io.writebehind.flights.FlightChange;
import io.writebehind.flights.FlightRepository;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Measures each pattern's write and the cache's reads on real flights, then puts every
 * flight back as it was and deletes the flight_log rows the measurement wrote. Each
 * measured write is a real change: it alternates between the delayed and the original times.
 */
final class PatternProbe {
  private final Session session;
  private final WriteBehind<Long, Flight> engine;
  private final FlightRepository repository;

  PatternProbe(Session session, WriteBehind<Long, Flight> engine) {
    this.session = session;
    this.engine = engine;
    this.repository = session.repository();
  }

  /**
   * Up to {@code n} flights spread over the id range that nobody is writing through the
   * engine (not cached) and that are not {@code exclude}.
   */
  List<Flight> pickFlights(int n, long exclude) throws SQLException {
    long min = repository.minFlightId();
    long max = repository.maxFlightId();
    Set<Long> tried = new LinkedHashSet<>();
    List<Flight> out = new ArrayList<>();
    for (int k = 1; out.size() < n && k <= 4 * n + 8; k++) {
      long id = min + (max - min) * k / (4L * n + 9) + k;
      if (id == exclude || id > max || !tried.add(id) || engine.getIfPresent(id).isPresent()) {
        continue;
      }
      repository.find(id).ifPresent(out::add);
    }
    return out;
  }

  /** Synchronous writes: database transaction, then the cache step. Milliseconds per write. */
  double[] synchronous(List<Flight> flights, int samples, WriteThrough.CacheStep step) throws Exception {
    WriteThrough wt = new WriteThrough(session.dataSource(), session.dialect(), session.valkey(), engine.options().namespace());
    double[] ms = new double[samples];
    try {
      for (int i = 0; i < samples; i++) {
        Flight f = flights.get(i % flights.size());
        Flight target = shifted(f, i / flights.size());
        ms[i] = Millis.of(wt.update(f, target.departure(), target.arrival(), step));
      }
    } finally {
      for (Flight f : flights) {
        wt.restore(f);
      }
    }
    return ms;
  }

  /**
   * Write-behind writes with a worker running, as in production; afterwards the originals
   * are written back the same way and flushed, and the probe's log rows deleted.
   */
  double[] writeBehind(List<Flight> flights, int samples, Duration flushTimeout) throws Exception {
    WriteThrough marker = new WriteThrough(session.dataSource(), session.dialect(), session.valkey(), engine.options().namespace());
    String meta = FlightChange.of("writebehind", marker.comment).toMeta();
    double[] ms = new double[samples];
    try {
      for (int i = 0; i < samples; i++) {
        Flight f = flights.get(i % flights.size());
        Flight target = shifted(f, i / flights.size());
        long t0 = System.nanoTime();
        engine.put(f.flightId(), target, meta);
        ms[i] = Millis.since(t0);
      }
    } finally {
      for (Flight f : flights) {
        engine.put(f.flightId(), f, meta);
      }
      engine.flush(flushTimeout);
      for (Flight f : flights) {
        marker.deleteLogRows(f.flightId());
      }
    }
    return ms;
  }

  /** Cache hits of one cached flight. */
  double[] hits(long id, int samples) {
    double[] ms = new double[samples];
    for (int i = 0; i < samples; i++) {
      long t0 = System.nanoTime();
      engine.read(id, this::load);
      ms[i] = Millis.since(t0);
    }
    return ms;
  }

  /** Cache misses: one read of each flight not cached (the read fills it, clean, with the TTL). */
  double[] misses(List<Flight> uncached) {
    List<Double> out = new ArrayList<>();
    for (Flight f : uncached) {
      long t0 = System.nanoTime();
      boolean hit = engine.read(f.flightId(), this::load).hit();
      double t = Millis.since(t0);
      if (!hit) {
        out.add(t);
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private Flight load(Long id) {
    try {
      return repository.find(id).orElse(null);
    } catch (SQLException e) {
      throw new IllegalStateException("reading flight " + id + " failed: " + e.getMessage(), e);
    }
  }

  /** Even rounds delay by two hours, odd rounds go back: every write changes the row. */
  private static Flight shifted(Flight f, int round) {
    return round % 2 == 0 ? f.withTimes(f.departure().plusHours(2), f.arrival().plusHours(2)) : f;
  }
}
