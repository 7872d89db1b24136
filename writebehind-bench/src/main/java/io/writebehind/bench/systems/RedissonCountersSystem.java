package io.writebehind.bench.systems;

import com.zaxxer.hikari.HikariDataSource;
import io.writebehind.bench.Fixture;
import io.writebehind.bench.SystemNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.redisson.Redisson;
import org.redisson.RedissonObject;
import org.redisson.api.RFuture;
import org.redisson.api.RMap;
import org.redisson.api.RQueue;
import org.redisson.api.RedissonClient;
import org.redisson.api.map.MapLoader;
import org.redisson.api.map.MapWriter;
import org.redisson.api.options.MapOptions;
import org.redisson.client.codec.LongCodec;
import org.redisson.codec.CompositeCodec;
import org.redisson.config.Config;

/**
 * Counting the way Redisson users do: {@code RMap.addAndGet(key, 1)} on a write-behind map
 * whose MapWriter stores each total it is handed ({@code n = ?}) in the same kind of counter
 * table as ours, one batch per transaction, and whose MapLoader reads a total on a miss.
 * Write-behind set as for the {@code redisson} system (1000 rows, 20 ms).
 */
public final class RedissonCountersSystem implements BenchSystem {
  private static final int CHUNK = 2000;

  private final Fixture fixture;
  private final HikariDataSource pool;
  private final String table;
  private final Gate gate = new Gate();
  private final RedissonClient client;
  private RMap<Long, Long> map;

  public RedissonCountersSystem(Fixture fixture) throws Exception {
    this.fixture = fixture;
    this.pool = fixture.pool(8, "wbbench-redisson-counters");
    this.table = CounterTable.create(fixture, name());
    Config config = RedissonSystem.config(fixture.valkeyUrl);
    this.client = Redisson.create(config);
    phase("init");
  }

  @Override
  public String name() {
    return SystemNames.REDISSON_COUNTERS;
  }

  @Override
  public String table() {
    return table;
  }

  /** As the redisson system: the kill phase keeps the dead process's map, its write-behind queue included. */
  @Override
  public void phase(String phase) {
    if (map != null && !phase.equals("kill")) {
      map.destroy();
    }
    gate.open();
    map = client.getMap(options(fixture.namespace(name(), phase)));
  }

  private MapOptions<Long, Long> options(String name) {
    String setSql = CounterTable.setSql(fixture.dialect, table);
    MapWriter<Long, Long> writer = new MapWriter<>() {
      @Override
      public void write(Map<Long, Long> batch) {
        try {
          gate.pass();
          try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(setSql)) {
            c.setAutoCommit(false);
            for (Map.Entry<Long, Long> e : batch.entrySet()) {
              ps.setLong(1, e.getKey());
              ps.setLong(2, e.getValue());
              ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }

      @Override
      public void delete(Collection<Long> keys) {
        // the benchmark never deletes
      }
    };
    MapLoader<Long, Long> loader = new MapLoader<>() {
      @Override
      public Long load(Long key) {
        try (Connection c = pool.getConnection();
            PreparedStatement ps = c.prepareStatement("SELECT n FROM " + table + " WHERE id = ?")) {
          ps.setLong(1, key);
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : null;
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }

      @Override
      public Iterable<Long> loadAllKeys() {
        return List.of();
      }
    };
    return RedissonSystem.writeBehind(MapOptions.<Long, Long>name(name)
        .codec(new CompositeCodec(LongCodec.INSTANCE, LongCodec.INSTANCE))
        .writer(writer).loader(loader));
  }

  @Override
  public long key(long i) {
    return i % CounterTable.KEYS;
  }

  @Override
  public void write(long key, long seq) {
    map.addAndGet(key, 1L);
  }

  @Override
  public void warm(long key) {
    write(key, 0);
  }

  @Override
  public void read(long key) {
    map.get(key);
  }

  @Override
  public boolean missesReadGenericTable() {
    return false;
  }

  /** The window measure polls for overwritten rows' versions; a counter has none. */
  @Override
  public boolean hasWindow() {
    return false;
  }

  @Override
  public boolean drainsGeneric() {
    return true;
  }

  /** Closes the gate, then adds one to each key, 2000 at a time, until the map took them all. */
  @Override
  public void preloadGeneric(long fromKey, int count) throws Exception {
    gate.close();
    List<RFuture<Long>> adds = new ArrayList<>(CHUNK);
    for (int i = 0; i < count; i++) {
      adds.add(map.addAndGetAsync(fromKey + i, 1L));
      if (adds.size() == CHUNK || i == count - 1) {
        for (RFuture<Long> add : adds) {
          add.get();
        }
        adds.clear();
      }
    }
  }

  @Override
  public void startDrain() {
    gate.open();
  }

  /**
   * Redisson's only recovery: a new client's map resumes the tasks left in its Redis queue
   * once its write-behind task starts, on the map's first write (an add of zero to a key of
   * its own). What the dead process had taken from the queue is gone. Waits until that queue
   * is empty, then until the table stops changing (the last batch).
   */
  @Override
  public void recoverAfterKill() throws Exception {
    gate.open();
    map.addAndGet(-1L, 0L);
    RQueue<Object> tasks = client.getQueue(RedissonObject.suffixName(map.getName(), "write-behind-queue"));
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (tasks.size() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    QuietTable.await(pool, QuietTable.totalsSql(table), 3_000, Duration.ofSeconds(60).toMillis());
  }

  @Override
  public void close() {
    gate.open();
    if (map != null) {
      map.destroy();
    }
    client.shutdown();
    pool.close();
  }
}
