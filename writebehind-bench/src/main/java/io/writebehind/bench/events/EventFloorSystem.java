package io.writebehind.bench.events;

import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.writebehind.ValkeyConnection;
import io.writebehind.bench.Fixture;
import io.writebehind.bench.SystemNames;
import io.writebehind.jdbc.Dialect;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The events' floor. An append is the least it can be: one script that XADDs the event to
 * its partition's journal and HSETs it as the flight's latest, on the same client; a batch
 * is that script sent for each event without waiting (pipelined), then every reply awaited.
 * An ingest is a bare load of the same rows from one connection in one transaction: COPY
 * (text and binary) and batched INSERTs on PostgreSQL, LOAD DATA LOCAL INFILE and INSERTs on
 * MariaDB.
 */
final class EventFloorSystem implements EventSystem {
  private static final int PARTITIONS = 16;
  private static final String SCRIPT = "local id = redis.call('XADD', KEYS[1], '*', 'k', ARGV[1], 'o', 'e', 'd', ARGV[2])\n"
      + "redis.call('HSET', KEYS[2], 'd', ARGV[2], 'v', id)\nreturn id";

  private final Fixture fixture;
  private final ValkeyConnection valkey;
  private final RedisClusterAsyncCommands<String, byte[]> redis;
  private final HikariDataSource pool;
  private final String table;
  private final String sha;
  private String prefix;

  EventFloorSystem(Fixture fixture) throws Exception {
    this.fixture = fixture;
    this.valkey = ValkeyConnection.open(fixture.valkeyUrl, Duration.ofSeconds(10));
    this.redis = valkey.async();
    this.pool = fixture.pool(2, "wbbench-events-floor");
    this.table = EventTable.create(fixture, name());
    this.sha = redis.scriptLoad(SCRIPT).get(10, TimeUnit.SECONDS);
    phase("init");
  }

  @Override
  public String name() {
    return SystemNames.EVENTS_FLOOR;
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

  private RedisFuture<byte[]> append(long flight, long seq) {
    long p = flight % PARTITIONS;
    String k = Long.toString(flight);
    return redis.evalsha(sha, ScriptOutputType.VALUE,
        new String[] {prefix + "#journal{" + p + "}", prefix + ":{" + p + "}:" + k},
        k.getBytes(StandardCharsets.UTF_8), Report.encode(Report.of(flight, seq)));
  }

  @Override
  public void write(long key, long seq) throws Exception {
    append(key, seq).get(10, TimeUnit.SECONDS);
  }

  @Override
  public void appendBatch(long key, long seq, int size) throws Exception {
    @SuppressWarnings("unchecked")
    RedisFuture<byte[]>[] sent = new RedisFuture[size];
    for (int i = 0; i < size; i++) {
      sent[i] = append(EventTable.flight(key + i), seq);
    }
    for (RedisFuture<byte[]> f : sent) {
      f.get(10, TimeUnit.SECONDS);
    }
  }

  @Override
  public Map<String, Ingest> ingests() {
    Map<String, Ingest> out = new LinkedHashMap<>();
    if (fixture.dialect == Dialect.POSTGRESQL) {
      out.put(EventFigures.COPY, bare(BareLoad::copyText, false));
      out.put(EventFigures.BINARY_COPY, bare(BareLoad::copyBinary, false));
      out.put(EventFigures.COPY_PER_BATCH, bare(BareLoad::copyTextPerBatch, false));
      out.put(EventFigures.INSERT, bare(BareLoad::insertBatch, false));
      out.put(EventFigures.MULTI_ROW_INSERT, bare(BareLoad::insertMultiRow, false));
    } else {
      out.put(EventFigures.LOAD_DATA, bare(BareLoad::loadData, true));
      out.put(EventFigures.INSERT, bare(BareLoad::insertBatch, false));
      out.put(EventFigures.MULTI_ROW_INSERT, bare(BareLoad::insertMultiRow, false));
    }
    return out;
  }

  @FunctionalInterface
  private interface Loader {
    void load(Connection c, String table, List<Object[]> rows) throws SQLException;
  }

  /** The rows built in memory (not timed), then loaded from one connection in one transaction. */
  private Ingest bare(Loader loader, boolean localInfile) {
    return new Ingest() {
      private List<Object[]> rows;

      @Override
      public void prepare(int count) {
        rows = EventTable.rows(count);
      }

      @Override
      public void load() throws Exception {
        try (Connection c = localInfile ? localInfileConnection() : pool.getConnection()) {
          c.setAutoCommit(false);
          loader.load(c, table, rows);
          c.commit();
          c.setAutoCommit(true);
        }
        rows = null;
      }
    };
  }

  /** MariaDB refuses LOAD DATA LOCAL unless the client asks for it; the pool's connections do not. */
  private Connection localInfileConnection() throws SQLException {
    String url = fixture.jdbcUrl;
    return DriverManager.getConnection(url + (url.contains("?") ? "&" : "?") + "allowLocalInfile=true");
  }

  @Override
  public void close() {
    if (prefix != null) {
      Fixture.deleteKeys(valkey, prefix + "*");
    }
    valkey.close();
    pool.close();
  }
}
