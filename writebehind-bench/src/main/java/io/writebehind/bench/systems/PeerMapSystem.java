package io.writebehind.bench.systems;

import com.zaxxer.hikari.HikariDataSource;
import io.writebehind.bench.Fixture;
import io.writebehind.bench.Payloads;
import java.util.HashMap;
import java.util.Map;
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
  private static final int CHUNK = 2000;

  PeerMapSystem(Fixture fixture, String system, String poolName) throws Exception {
    this.fixture = fixture;
    this.pool = fixture.pool(8, poolName);
    this.table = fixture.genericTable(system);
    this.rows = new GenericRows(pool, fixture.dialect, table);
  }

  /** Puts the entries into the map and returns once the map (not yet the database) took them all. */
  abstract void putAll(Map<Long, String> entries) throws Exception;

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

  /** Closes the gate, then puts the keys 2000 at a time, until the map took them all. */
  @Override
  public void preloadGeneric(long fromKey, int count) throws Exception {
    gate.close();
    Map<Long, String> chunk = new HashMap<>();
    for (int i = 0; i < count; i++) {
      long key = fromKey + i;
      chunk.put(key, Payloads.of(key, 1));
      if (chunk.size() == CHUNK || i == count - 1) {
        putAll(chunk);
        chunk = new HashMap<>();
      }
    }
  }

  @Override
  public void startDrain() {
    gate.open();
  }
}
