package io.writebehind.bench.systems;

import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.writebehind.bench.Fixture;
import io.writebehind.bench.Payloads;
import io.writebehind.bench.SystemNames;
import io.writebehind.journal.KeyLayout;
import io.writebehind.journal.Scripts;
import io.writebehind.journal.ValkeyConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The best this machine can do, measured in the same run: our write script by EVALSHA with
 * the engine's exact keys and arguments over the same Lettuce connection type, minus
 * everything the engine adds around it; and a bare batched JDBC upsert of the same rows
 * (the statement our sink runs, 1000 rows per batch and commit, one connection).
 */
public final class FloorSystem implements BenchSystem {
  private static final byte[] PUT = bytes("p");
  private static final byte[] NO_META = new byte[0];
  private static final byte[] LIMIT = bytes("1000000");
  private static final int PARTITIONS = 16;

  private final Fixture fixture;
  private final ValkeyConnection valkey;
  private final RedisClusterAsyncCommands<String, byte[]> redis;
  private final HikariDataSource pool;
  private final String table;
  private final GenericRows rows;
  private final String sha;
  private KeyLayout layout;
  private long[] preKeys;
  private String[] prePayloads;
  private long[] preVersions;

  public FloorSystem(Fixture fixture) throws Exception {
    this.fixture = fixture;
    this.valkey = ValkeyConnection.open(fixture.valkeyUrl, Duration.ofSeconds(10));
    this.redis = valkey.async();
    this.pool = fixture.pool(4, "wbbench-floor");
    this.table = fixture.genericTable(SystemNames.FLOOR);
    this.rows = new GenericRows(pool, fixture.dialect, table);
    this.sha = redis.scriptLoad(Scripts.WRITE.source()).get(10, TimeUnit.SECONDS);
    phase("init");
  }

  @Override
  public String name() {
    return SystemNames.FLOOR;
  }

  @Override
  public String table() {
    return table;
  }

  /** Removes the previous phase's keys: leftovers of one measurement would slow the next. */
  @Override
  public void phase(String phase) {
    if (layout != null) {
      for (String pattern : layout.scanPatterns()) {
        Fixture.deleteKeys(valkey, pattern);
      }
    }
    layout = new KeyLayout(fixture.namespace(name(), phase), PARTITIONS);
  }

  @Override
  public void write(long key, long seq) throws Exception {
    String k = Long.toString(key);
    int p = layout.partitionOf(k);
    String[] keys = {layout.valueKey(p, k), layout.journalKey(p), layout.dirtyKey(p), layout.partitionKey(p)};
    List<Object> r = redis.<List<Object>>evalsha(sha, ScriptOutputType.MULTI, keys,
        PUT, bytes(k), bytes(Payloads.of(key, seq)), NO_META, LIMIT, bytes(Integer.toString(PARTITIONS))).get(10, TimeUnit.SECONDS);
    if (((Long) r.get(0)) != 1) {
      throw new IllegalStateException("journal full");
    }
  }

  @Override
  public void warm(long key) throws Exception {
    write(key, 0);
  }

  /** A hit is one HMGET of the value hash, as the engine reads; a miss adds one primary-key SELECT. */
  @Override
  public void read(long key) throws Exception {
    var kvs = redis.hmget(layout.valueKey(Long.toString(key)), "d", "s").get(10, TimeUnit.SECONDS);
    if (kvs.get(1).getValueOrElse(null) == null) {
      rows.load(key);
    }
  }

  @Override
  public boolean hasWindow() {
    return false;
  }

  @Override
  public boolean drainsGeneric() {
    return true;
  }

  @Override
  public void preloadGeneric(long fromKey, int count) {
    preKeys = new long[count];
    prePayloads = new String[count];
    preVersions = new long[count];
    for (int i = 0; i < count; i++) {
      preKeys[i] = fromKey + i;
      prePayloads[i] = Payloads.of(fromKey + i, 1);
      preVersions[i] = 1;
    }
  }

  @Override
  public void startDrain() throws Exception {
    if (preKeys != null) {
      rows.upsertBatches(preKeys, prePayloads, preVersions, 1000);
      preKeys = null;
    }
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    valkey.close();
    pool.close();
  }
}
