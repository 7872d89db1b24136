package io.writebehind.bench.systems;

import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.writebehind.bench.Fixture;
import io.writebehind.bench.Payloads;
import io.writebehind.bench.SystemNames;
import io.writebehind.Codecs;
import io.writebehind.ValkeyConnection;
import io.writebehind.WriteBehind;
import io.writebehind.admin.ScriptCall;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The best this machine can do, measured in the same run: our write script by EVALSHA with
 * the engine's exact keys and arguments (as {@link WriteBehind#commandsFor} spells them out)
 * over the same Lettuce connection type, minus everything the engine adds around it; and a
 * bare batched JDBC upsert of the same rows (the statement our sink runs, 1000 rows per
 * batch and commit, one connection).
 */
public final class FloorSystem implements BenchSystem {
  private static final int PARTITIONS = 16;

  private final Fixture fixture;
  private final ValkeyConnection valkey;
  private final RedisClusterAsyncCommands<String, byte[]> redis;
  private final HikariDataSource pool;
  private final String table;
  private final GenericRows rows;
  /** An engine that only spells out its calls and keys; it writes nothing itself. */
  private WriteBehind<Long, String> engine;
  /** Value keys as the engine names them, looked up once per key: the floor's read is the HMGET alone. */
  private final java.util.Map<Long, String> valueKeys = new java.util.concurrent.ConcurrentHashMap<>();
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
    if (engine != null) {
      engine.admin().purgeNamespace();
      engine.close();
    }
    valueKeys.clear();
    engine = WriteBehind.builder(Codecs.longKeysTextValues()).valkeyUrl(fixture.valkeyUrl)
        .namespace(fixture.namespace(name(), phase)).partitions(PARTITIONS).build();
    ScriptCall call = engine.commandsFor(0L, "").write();
    try {
      redis.scriptLoad(call.source()).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("loading the write script failed", e);
    }
  }

  @Override
  public void write(long key, long seq) throws Exception {
    ScriptCall call = engine.commandsFor(key, Payloads.of(key, seq)).write();
    List<Object> r = redis.<List<Object>>evalsha(call.sha(), ScriptOutputType.MULTI, call.keys().toArray(new String[0]),
        call.args().toArray(new byte[0][])).get(10, TimeUnit.SECONDS);
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
    String valueKey = valueKeys.computeIfAbsent(key, k -> engine.commandsFor(k, null).write().keys().get(0));
    var kvs = redis.hmget(valueKey, "d", "s").get(10, TimeUnit.SECONDS);
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

  @Override
  public void close() {
    if (engine != null) {
      engine.admin().purgeNamespace();
      engine.close();
    }
    valkey.close();
    pool.close();
  }
}
