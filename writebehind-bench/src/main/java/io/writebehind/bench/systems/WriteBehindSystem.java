package io.writebehind.bench.systems;

import io.writebehind.Codecs;
import com.zaxxer.hikari.HikariDataSource;
import io.writebehind.bench.Fixture;
import io.writebehind.bench.Payloads;
import io.writebehind.bench.SystemNames;
import io.writebehind.WriteBehind;
import io.writebehind.flights.Flight;
import io.writebehind.flights.FlightCodec;
import io.writebehind.flights.FlightRepository;
import io.writebehind.flights.FlightSink;
import io.writebehind.jdbc.KeyValueTable;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.writebehind.sink.Sink;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/** Ours: engine put, a worker draining through KeyValueTable's sink or the FlightSink. */
public final class WriteBehindSystem implements BenchSystem {
  /** What users get: the worker's defaults (one drain thread that overlaps Valkey and database work). */
  public static final WorkerOptions WORKER = WorkerOptions.defaults();

  private final Fixture fixture;
  /** The engines' event loops: one set for both, as an application would share them. */
  private final ClientResources resources = DefaultClientResources.create();
  private final HikariDataSource pool;
  private final String table;
  private final Sink<Long, String> sink;
  private final FlightSink flightSink;
  private final FlightRepository flights;
  private final GenericRows rows;
  private WriteBehind<Long, String> engine;
  private WriteBehind<Long, Flight> flightEngine;
  private final List<Worker> workers = new ArrayList<>();
  private boolean flightsQueued;

  public WriteBehindSystem(Fixture fixture) throws Exception {
    this.fixture = fixture;
    this.pool = fixture.pool(WORKER.threads() + 4, "wbbench-writebehind");
    this.table = fixture.genericTable(SystemNames.WRITEBEHIND);
    this.sink = KeyValueTable.sink(pool, fixture.dialect, table);
    this.flightSink = new FlightSink(pool, fixture.dialect);
    this.flights = new FlightRepository(pool, fixture.dialect);
    this.rows = new GenericRows(pool, fixture.dialect, table);
    phase("init");
  }

  @Override
  public String name() {
    return SystemNames.WRITEBEHIND;
  }

  @Override
  public String table() {
    return table;
  }

  @Override
  public void phase(String phase) {
    stop();
    flightsQueued = false;
    engine = WriteBehind.builder(Codecs.longKeysTextValues()).valkeyUrl(fixture.valkeyUrl).clientResources(resources)
        .namespace(fixture.namespace(name(), phase)).sink(sink).build();
    flightEngine = WriteBehind.builder(new FlightCodec()).valkeyUrl(fixture.valkeyUrl).clientResources(resources)
        .namespace(fixture.namespace(name(), phase + "-f")).sink(flightSink).build();
  }

  /** Stops the workers and removes the phase's keys: leftovers of one measurement would slow the next. */
  private void stop() {
    for (Worker w : workers) {
      w.close();
    }
    workers.clear();
    if (engine != null) {
      engine.admin().purgeNamespace();
      flightEngine.admin().purgeNamespace();
      engine.close();
      flightEngine.close();
    }
  }

  @Override
  public void write(long key, long seq) {
    engine.put(key, Payloads.of(key, seq));
  }

  @Override
  public void warm(long key) {
    write(key, 0);
  }

  @Override
  public void read(long key) {
    engine.read(key, k -> {
      try {
        return rows.load(k);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Override
  public boolean drainsGeneric() {
    return true;
  }

  @Override
  public boolean drainsFlights() {
    return true;
  }

  @Override
  public void preloadGeneric(long fromKey, int count) throws Exception {
    Semaphore inFlight = new Semaphore(2000);
    List<CompletableFuture<Long>> all = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long key = fromKey + i;
      inFlight.acquire();
      all.add(engine.putAsync(key, Payloads.of(key, 1), null).whenComplete((v, e) -> inFlight.release()));
    }
    CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).join();
  }

  @Override
  public void preloadFlights(long[] flightIds) throws Exception {
    Semaphore inFlight = new Semaphore(2000);
    List<CompletableFuture<Long>> all = new ArrayList<>(flightIds.length);
    for (long id : flightIds) {
      Flight f = flights.find(id).orElseThrow();
      Flight changed = f.withTimes(f.departure().plusMinutes(1), f.arrival().plusMinutes(1));
      inFlight.acquire();
      all.add(flightEngine.putAsync(id, changed, null).whenComplete((v, e) -> inFlight.release()));
    }
    CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).join();
    flightsQueued = true;
  }

  /** Only the engine that has work: an idle worker polling next to the measured one costs CPU. */
  @Override
  public void startDrain() {
    workers.add(flightsQueued ? flightEngine.startWorker(WORKER) : engine.startWorker(WORKER));
  }

  /** flush: every write acknowledged before the call is committed (and acknowledged in Valkey). */
  @Override
  public void awaitDrained(Duration timeout) {
    (flightsQueued ? flightEngine : engine).flush(timeout);
  }

  /** A fresh worker takes the dead one's partitions when its leases expire, with its pending entries. */
  @Override
  public void recoverAfterKill() {
    startDrain();
    engine.flush(Duration.ofSeconds(120));
  }

  @Override
  public void close() {
    stop();
    resources.shutdown();
    pool.close();
  }
}
