package io.writebehind.bench.systems;

import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.writebehind.ValkeyConnection;
import io.writebehind.bench.Fixture;
import io.writebehind.bench.SystemNames;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The counters' floor: the least a counted write can be (one script that runs HINCRBY and
 * XADD, on the same client), and the least a drain can be (a bare JDBC batch adding to
 * {@code n}, one commit per thousand rows).
 */
public final class CounterFloorSystem implements BenchSystem {
  private static final int PARTITIONS = 16;
  private static final String SCRIPT = "redis.call('HINCRBY', KEYS[1], 'n', ARGV[2])\n"
      + "return redis.call('XADD', KEYS[2], '*', 'k', ARGV[1], 'o', 'i', 'd', 'n=' .. ARGV[2])";

  private final Fixture fixture;
  private final ValkeyConnection valkey;
  private final RedisClusterAsyncCommands<String, byte[]> redis;
  private final HikariDataSource pool;
  private final String table;
  private final String sha;
  private String prefix;
  private long[] preKeys;

  public CounterFloorSystem(Fixture fixture) throws Exception {
    this.fixture = fixture;
    this.valkey = ValkeyConnection.open(fixture.valkeyUrl, Duration.ofSeconds(10));
    this.redis = valkey.async();
    this.pool = fixture.pool(4, "wbbench-counters-floor");
    this.table = CounterTable.create(fixture, name());
    this.sha = redis.scriptLoad(SCRIPT).get(10, TimeUnit.SECONDS);
    phase("init");
  }

  @Override
  public String name() {
    return SystemNames.COUNTERS_FLOOR;
  }

  @Override
  public String table() {
    return table;
  }

  @Override
  public void phase(String phase) {
    if (prefix != null) {
      Fixture.deleteKeys(valkey, prefix + "*");
    }
    prefix = fixture.namespace(name(), phase);
  }

  @Override
  public long key(long i) {
    return i % CounterTable.KEYS;
  }

  @Override
  public void write(long key, long seq) throws Exception {
    long p = key % PARTITIONS;
    String k = Long.toString(key);
    redis.evalsha(sha, ScriptOutputType.VALUE, new String[] {prefix + ":{" + p + "}:" + k, prefix + "#journal{" + p + "}"},
        k.getBytes(StandardCharsets.UTF_8), "1".getBytes(StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
  }

  @Override
  public void warm(long key) throws Exception {
    write(key, 0);
  }

  @Override
  public void read(long key) throws Exception {
    redis.hget(prefix + ":{" + key % PARTITIONS + "}:" + key, "n").get(10, TimeUnit.SECONDS);
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

  @Override
  public void preloadGeneric(long fromKey, int count) {
    preKeys = new long[count];
    for (int i = 0; i < count; i++) {
      preKeys[i] = fromKey + i;
    }
  }

  @Override
  public void startDrain() throws Exception {
    if (preKeys == null) {
      return;
    }
    try (Connection c = pool.getConnection();
         PreparedStatement ps = c.prepareStatement(CounterTable.addSql(fixture.dialect, table))) {
      c.setAutoCommit(false);
      for (int i = 0; i < preKeys.length; i++) {
        ps.setLong(1, preKeys[i]);
        ps.setLong(2, 1);
        ps.addBatch();
        if ((i + 1) % 1000 == 0 || i == preKeys.length - 1) {
          ps.executeBatch();
          c.commit();
        }
      }
      c.setAutoCommit(true);
    }
    preKeys = null;
  }

  @Override
  public void close() {
    if (prefix != null) {
      Fixture.deleteKeys(valkey, prefix + "*");
    }
    valkey.close();
  }
}
