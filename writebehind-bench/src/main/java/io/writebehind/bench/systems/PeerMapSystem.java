package io.writebehind.bench.systems;

import com.zaxxer.hikari.HikariDataSource;
import io.writebehind.bench.Fixture;
import io.writebehind.bench.Payloads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A peer's write-behind map (Hazelcast, Redisson) as a bench system: the generic table its
 * writer upserts into ({@link PeerBatches}), the gate holding that writer back while a drain
 * is preloaded, and what is driven the same way whichever map it is.
 */
abstract class PeerMapSystem implements BenchSystem {
  final Fixture fixture;
  final HikariDataSource pool;
  final String table;
  final GenericRows rows;
  final Gate gate = new Gate();
  /** The peers' writes carry no version; a counter keeps the guarded upsert taking every batch. */
  final AtomicLong version = new AtomicLong(System.currentTimeMillis() * 1000);

  PeerMapSystem(Fixture fixture, String system, String poolName) throws Exception {
    this.fixture = fixture;
    this.pool = fixture.pool(8, poolName);
    this.table = fixture.genericTable(system);
    this.rows = new GenericRows(pool, fixture.dialect, table);
  }

  /** The map's asynchronous put, completing once the map (not yet the database) took it. */
  abstract CompletionStage<?> putAsync(long key, String payload);

  @Override
  public String table() {
    return table;
  }

  @Override
  public void warm(long key) throws Exception {
    write(key, 0);
  }

  @Override
  public boolean drainsGeneric() {
    return true;
  }

  /** Closes the gate, then puts the keys with at most 2000 in flight, until the map took them all. */
  @Override
  public void preloadGeneric(long fromKey, int count) throws Exception {
    gate.close();
    Semaphore inFlight = new Semaphore(2000);
    List<CompletableFuture<?>> all = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long key = fromKey + i;
      inFlight.acquire();
      all.add(putAsync(key, Payloads.of(key, 1)).toCompletableFuture().whenComplete((v, e) -> inFlight.release()));
    }
    CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).join();
  }

  @Override
  public void startDrain() {
    gate.open();
  }
}
