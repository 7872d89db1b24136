package io.writebehind.bench.systems;

import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.MapStore;
import io.writebehind.bench.Fixture;
import io.writebehind.bench.Payloads;
import io.writebehind.bench.SystemNames;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An embedded Hazelcast member (in this JVM: its writes never leave the process) with an
 * IMap whose write-behind MapStore (write-delay-seconds 1, batches of up to 1000, coalescing)
 * upserts into the same kind of generic table. A single member keeps no backup elsewhere.
 */
public final class HazelcastSystem extends PeerMapSystem {
  private final HazelcastInstance hz;
  private IMap<Long, String> map;

  public HazelcastSystem(Fixture fixture) throws Exception {
    super(fixture, SystemNames.HAZELCAST, "wbbench-hazelcast");
    this.hz = Hazelcast.newHazelcastInstance(config(fixture.prefix(), new Store(rows, gate, version)));
    phase("init");
  }

  public static Config config(String clusterName, MapStore<Long, String> store) {
    Config cfg = new Config();
    cfg.setClusterName(clusterName);
    cfg.setProperty("hazelcast.phone.home.enabled", "false");
    cfg.setProperty("hazelcast.logging.type", "none");
    var join = cfg.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(false);
    cfg.getNetworkConfig().setPort(15701).setPortAutoIncrement(true).setPortCount(200);
    cfg.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    MapStoreConfig ms = new MapStoreConfig().setEnabled(true).setImplementation(store)
        .setWriteDelaySeconds(1).setWriteBatchSize(1000).setWriteCoalescing(true)
        .setInitialLoadMode(MapStoreConfig.InitialLoadMode.LAZY);
    cfg.addMapConfig(new MapConfig(clusterName + "*").setMapStoreConfig(ms));
    return cfg;
  }

  /** Upserts what Hazelcast hands over; loads single rows on a miss. */
  public static final class Store implements MapStore<Long, String> {
    private final PeerBatches batches;

    public Store(GenericRows rows, Gate gate, AtomicLong version) {
      this.batches = new PeerBatches(rows, gate, version);
    }

    @Override
    public void store(Long key, String value) {
      storeAll(Map.of(key, value));
    }

    @Override
    public void storeAll(Map<Long, String> batch) {
      batches.write(batch);
    }

    @Override
    public void delete(Long key) {}

    @Override
    public void deleteAll(Collection<Long> keys) {}

    @Override
    public String load(Long key) {
      return batches.load(key);
    }

    @Override
    public Map<Long, String> loadAll(Collection<Long> keys) {
      Map<Long, String> out = new HashMap<>();
      for (Long k : keys) {
        String v = load(k);
        if (v != null) {
          out.put(k, v);
        }
      }
      return out;
    }

    @Override
    public Iterable<Long> loadAllKeys() {
      return null;
    }
  }

  /** Lets a child JVM build the same store without a fixture. */
  public static Store store(GenericRows rows) {
    return new Store(rows, new Gate(), new AtomicLong(System.currentTimeMillis() * 1000));
  }

  @Override
  public String name() {
    return SystemNames.HAZELCAST;
  }

  @Override
  public void phase(String phase) {
    gate.open();
    if (map != null) {
      map.destroy();
    }
    map = hz.getMap(fixture.prefix() + "-" + phase);
  }

  @Override
  public void write(long key, long seq) {
    map.set(key, Payloads.of(key, seq));
  }

  @Override
  public void read(long key) {
    map.get(key);
  }

  /**
   * One future per call, not per key: with a common pool of one thread (two cores)
   * Hazelcast completes every future on a new thread, and 100,000 single puts took minutes.
   */
  @Override
  void putAll(Map<Long, String> entries) throws Exception {
    map.setAllAsync(entries).toCompletableFuture().get();
  }

  @Override
  public void close() {
    gate.open();
    hz.shutdown();
    pool.close();
  }
}
