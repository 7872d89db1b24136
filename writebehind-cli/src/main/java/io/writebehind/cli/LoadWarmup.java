package io.writebehind.cli;

import io.writebehind.WriteBehind;
import io.writebehind.flights.Flight;
import io.writebehind.flights.FlightRepository;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads the flights a load will update through the cache before its clock starts, the way
 * an application does (cache-aside: a hit needs no database; a miss loads the row and fills
 * the cache). After this the load's writes need Valkey only, so a database outage during the
 * load does not stop it. A flight that cannot be read is left out and counted, not fatal.
 */
final class LoadWarmup {
  private static final int CHUNK = 500;

  /** The flights read, by id; how many could not be read or do not exist, and the first reason. */
  record Result(Map<Long, Flight> flights, long unreadable, long missing, String firstError) {}

  private LoadWarmup() {}

  static Result run(WriteBehind<Long, Flight> engine, FlightRepository repository, long[] ids, ExecutorService pool)
      throws InterruptedException {
    Map<Long, Flight> flights = new ConcurrentHashMap<>();
    AtomicLong unreadable = new AtomicLong();
    AtomicLong missing = new AtomicLong();
    AtomicReference<String> firstError = new AtomicReference<>();
    ProgressBar bar = new ProgressBar(System.err, "warm-up", ids.length);
    AtomicLong done = new AtomicLong();
    List<Future<?>> futures = new ArrayList<>();
    for (int from = 0; from < ids.length; from += CHUNK) {
      List<Long> chunk = new ArrayList<>();
      for (int i = from; i < Math.min(ids.length, from + CHUNK); i++) {
        chunk.add(ids[i]);
      }
      futures.add(pool.submit(() -> {
        Map<Long, Flight> cached = Map.of();
        try {
          cached = engine.getAllPresent(chunk); // one round trip for the flights cached already
        } catch (RuntimeException e) {
          firstError.compareAndSet(null, Session.firstLine(Session.rootMessage(e)));
        }
        for (Long id : chunk) {
          Flight f = cached.get(id);
          try {
            if (f == null) {
              f = engine.read(id, k -> find(repository, k)).value().orElse(null);
            }
            if (f == null) {
              missing.incrementAndGet();
            } else {
              flights.put(id, f);
            }
          } catch (RuntimeException e) {
            unreadable.incrementAndGet();
            firstError.compareAndSet(null, Session.firstLine(Session.rootMessage(e)));
          }
          bar.update(done.incrementAndGet());
        }
      }));
    }
    try {
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
    bar.finish(done.get());
    return new Result(flights, unreadable.get(), missing.get(), firstError.get());
  }

  private static Flight find(FlightRepository repository, long id) {
    try {
      return repository.find(id).orElse(null);
    } catch (SQLException e) {
      throw new IllegalStateException("reading flight " + id + " failed: " + e.getMessage(), e);
    }
  }
}
