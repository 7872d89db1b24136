package io.writebehind.bench.systems;

import io.writebehind.bench.Fixture;
import io.writebehind.bench.Payloads;
import io.writebehind.bench.SystemNames;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.redisson.Redisson;
import org.redisson.api.RFuture;
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
public final class RedissonSystem extends PeerMapSystem {
  private final RedissonClient client;
  private RMap<Long, String> map;

  public RedissonSystem(Fixture fixture) throws Exception {
    super(fixture, SystemNames.REDISSON, "wbbench-redisson");
    this.client = Redisson.create(config(fixture.valkeyUrl));
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
  public void phase(String phase) {
    if (map != null && !phase.equals("kill")) {
      map.destroy();
    }
    gate.open();
    map = client.getMap(options(fixture.namespace(name(), phase), rows, gate, version));
  }

  static MapOptions<Long, String> options(String name, GenericRows rows, Gate gate, AtomicLong version) {
    PeerBatches batches = new PeerBatches(rows, gate, version);
    MapWriter<Long, String> writer = new MapWriter<>() {
      @Override
      public void write(Map<Long, String> batch) {
        batches.write(batch);
      }

      @Override
      public void delete(Collection<Long> keys) {
        // the benchmark never deletes
      }
    };
    MapLoader<Long, String> loader = new MapLoader<>() {
      @Override
      public String load(Long key) {
        return batches.load(key);
      }

      @Override
      public Iterable<Long> loadAllKeys() {
        return List.of();
      }
    };
    return writeBehind(MapOptions.<Long, String>name(name)
        .codec(new CompositeCodec(LongCodec.INSTANCE, StringCodec.INSTANCE))
        .writer(writer).loader(loader));
  }

  /** Write-behind with our worker's batch and delay (1000 rows, 20 ms), not Redisson's defaults (50, 1 s). */
  static <K, V> MapOptions<K, V> writeBehind(MapOptions<K, V> options) {
    return options.writeMode(WriteMode.WRITE_BEHIND).writeBehindBatchSize(1000).writeBehindDelay(20);
  }

  @Override
  public void write(long key, long seq) {
    map.fastPut(key, Payloads.of(key, seq));
  }

  @Override
  public void read(long key) {
    map.get(key);
  }

  @Override
  void putAll(Map<Long, String> entries) throws Exception {
    List<RFuture<Boolean>> puts = new ArrayList<>(entries.size());
    entries.forEach((k, v) -> puts.add(map.fastPutAsync(k, v)));
    for (RFuture<Boolean> put : puts) {
      put.get();
    }
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
    QuietTable.await(pool, QuietTable.versionsSql(table), 3_000, 60_000);
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
