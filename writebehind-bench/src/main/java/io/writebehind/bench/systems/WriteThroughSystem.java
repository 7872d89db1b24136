package io.writebehind.bench.systems;

import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.writebehind.bench.Fixture;
import io.writebehind.bench.Payloads;
import io.writebehind.bench.SystemNames;
import io.writebehind.ValkeyConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Write-through: each write commits its own guarded upsert (one transaction), then SETs the
 * cache; the write returns after both. Database first, so the cache never holds a value the
 * database refused.
 */
public final class WriteThroughSystem implements BenchSystem {
  private final Fixture fixture;
  private final ValkeyConnection valkey;
  private final RedisClusterAsyncCommands<String, byte[]> redis;
  private final HikariDataSource pool;
  private final String table;
  private final GenericRows rows;
  /** Versions only have to grow per key; one counter does that for all keys. */
  private final AtomicLong version = new AtomicLong(System.currentTimeMillis() * 1000);
  private String prefix;

  public WriteThroughSystem(Fixture fixture) throws Exception {
    this.fixture = fixture;
    this.valkey = ValkeyConnection.open(fixture.valkeyUrl, Duration.ofSeconds(10));
    this.redis = valkey.async();
    // one connection per writer up to the 64-writer measurement: the database is the bottleneck here
    this.pool = fixture.pool(64, "wbbench-write-through");
    this.table = fixture.genericTable(SystemNames.WRITE_THROUGH);
    this.rows = new GenericRows(pool, fixture.dialect, table);
    phase("init");
  }

  @Override
  public String name() {
    return SystemNames.WRITE_THROUGH;
  }

  @Override
  public String table() {
    return table;
  }

  @Override
  public void phase(String phase) {
    prefix = fixture.namespace(name(), phase) + ":";
  }

  @Override
  public void write(long key, long seq) throws Exception {
    String payload = Payloads.of(key, seq);
    rows.upsertOne(key, payload, version.incrementAndGet());
    redis.set(prefix + key, payload.getBytes(StandardCharsets.UTF_8), SetArgs.Builder.ex(3600)).get(10, TimeUnit.SECONDS);
  }

  @Override
  public void warm(long key) throws Exception {
    write(key, 0);
  }

  @Override
  public void read(long key) throws Exception {
    byte[] v = redis.get(prefix + key).get(10, TimeUnit.SECONDS);
    if (v == null) {
      String loaded = rows.load(key);
      if (loaded != null) {
        redis.set(prefix + key, loaded.getBytes(StandardCharsets.UTF_8), SetArgs.Builder.ex(3600)).get(10, TimeUnit.SECONDS);
      }
    }
  }

  @Override
  public void close() {
    valkey.close();
    pool.close();
  }
}
