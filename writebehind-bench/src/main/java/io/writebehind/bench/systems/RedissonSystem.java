package io.writebehind.bench.systems;

import com.zaxxer.hikari.HikariDataSource;
import io.writebehind.bench.Fixture;
import io.writebehind.bench.Payloads;
import io.writebehind.bench.SystemNames;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.redisson.Redisson;
import org.redisson.api.RMap;
import org.redisson.api.RedissonClient;
import org.redisson.api.map.MapLoader;
import org.redisson.api.map.MapWriter;
import org.redisson.api.map.WriteMode;
import org.redisson.api.options.MapOptions;
import org.redisson.client.codec.LongCodec;
import org.redisson.client.codec.StringCodec;
import org.redisson.codec.CompositeCodec;
import org.redisson.config.Config;

/**
 * Redisson's write-behind map: RMap with WriteMode.WRITE_BEHIND and a MapWriter that upserts
 * each batch it hands over into the same kind of generic table, in one transaction. Batch
 * and delay set like our worker's (1000 rows, 20 ms), not Redisson's defaults (50, 1 s).
 */
public final class RedissonSystem implements BenchSystem {
  private final Fixture fixture;
  private final RedissonClient client;
  private final HikariDataSource pool;
  private final String table;
  private final GenericRows rows;
  private final Gate gate = new Gate();
  /** Redisson writes carry no version; a counter keeps the guarded upsert taking every batch. */
  private final AtomicLong version = new AtomicLong(System.currentTimeMillis() * 1000);
  private RMap<Long, String> map;

  public RedissonSystem(Fixture fixture) throws Exception {
    this.fixture = fixture;
    this.client = Redisson.create(config(fixture.valkeyUrl));
    this.pool = fixture.pool(8, "wbbench-redisson");
    this.table = fixture.genericTable(SystemNames.REDISSON);
    this.rows = new GenericRows(pool, fixture.dialect, table);
    phase("init");
  }

  /** redis://[user:pass@]host:port[/db] as Redisson wants it. */
  public static Config config(String url) {
    URI u = URI.create(url.replaceFirst("^valkey", "redis"));
    Config cfg = new Config();
    var single = cfg.useSingleServer()
        .setAddress(u.getScheme() + "://" + u.getHost() + ":" + (u.getPort() < 0 ? 6379 : u.getPort()));
    if (u.getUserInfo() != null) {
      String[] up = u.getUserInfo().split(":", 2);
      if (up.length == 2) {
        if (!up[0].isEmpty()) {
          single.setUsername(up[0]);
        }
        single.setPassword(up[1]);
      } else {
        single.setPassword(up[0]);
      }
    }
    String path = u.getPath();
    if (path != null && path.length() > 1) {
      single.setDatabase(Integer.parseInt(path.substring(1)));
    }
    return cfg;
  }

  @Override
  public String name() {
    return SystemNames.REDISSON;
  }

  @Override
  public String table() {
    return table;
  }

  @Override
  public void phase(String phase) {
    if (map != null && !phase.equals("kill")) {
      map.destroy();
    }
    gate.open();
    map = client.getMap(options(fixture.namespace(name(), phase), rows, gate, version));
  }

  static MapOptions<Long, String> options(String name, GenericRows rows, Gate gate, AtomicLong version) {
    MapWriter<Long, String> writer = new MapWriter<>() {
      @Override
      public void write(Map<Long, String> batch) {
        try {
          gate.pass();
          long[] keys = new long[batch.size()];
          String[] payloads = new String[batch.size()];
          long[] versions = new long[batch.size()];
          int i = 0;
          for (Map.Entry<Long, String> e : batch.entrySet()) {
            keys[i] = e.getKey();
            payloads[i] = e.getValue();
            versions[i++] = version.incrementAndGet();
          }
          rows.upsertBatches(keys, payloads, versions, Math.max(1, keys.length));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }

      @Override
      public void delete(Collection<Long> keys) {
        // the benchmark never deletes
      }
    };
    MapLoader<Long, String> loader = new MapLoader<>() {
      @Override
      public String load(Long key) {
        try {
          return rows.load(key);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }

      @Override
      public Iterable<Long> loadAllKeys() {
        return List.of();
      }
    };
    return MapOptions.<Long, String>name(name)
        .codec(new CompositeCodec(LongCodec.INSTANCE, StringCodec.INSTANCE))
        .writer(writer).loader(loader)
        .writeMode(WriteMode.WRITE_BEHIND).writeBehindBatchSize(1000).writeBehindDelay(20);
  }

  @Override
  public void write(long key, long seq) {
    map.fastPut(key, Payloads.of(key, seq));
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
  public boolean drainsGeneric() {
    return true;
  }

  @Override
  public void preloadGeneric(long fromKey, int count) throws Exception {
    gate.close();
    Semaphore inFlight = new Semaphore(2000);
    List<CompletableFuture<Boolean>> all = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long key = fromKey + i;
      inFlight.acquire();
      all.add(map.fastPutAsync(key, Payloads.of(key, 1)).toCompletableFuture().whenComplete((v, e) -> inFlight.release()));
    }
    CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).join();
  }

  @Override
  public void startDrain() {
    gate.open();
  }

  /**
   * Redisson keeps its write-behind tasks in a Redis queue; a new client's map with the same
   * writer resumes them once its write-behind task starts (on the map's first write). Waits
   * until the table stops changing.
   */
  @Override
  public void recoverAfterKill() throws Exception {
    gate.open();
    map.fastPut(-1L, Payloads.of(-1, 0));
    QuietTable.await(rows, table, 3_000, 60_000);
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
