package io.writebehind.bench.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.writebehind.ValkeyConnection;
import io.writebehind.bench.Fixture;
import io.writebehind.bench.SystemNames;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The original algorithm's pattern (reference/original-demo.md, as {@code OriginalSystem}
 * does it for flights) applied to events: an append SETEXes the flight's latest report and
 * RPUSHes one JSON task per event, two round trips and not atomic; the drain LPOPs one task
 * at a time and INSERTs its row in a transaction of its own.
 */
final class OriginalEventsSystem implements EventSystem {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Fixture fixture;
  private final ValkeyConnection valkey;
  private final RedisClusterAsyncCommands<String, byte[]> redis;
  private final HikariDataSource pool;
  private final String table;
  private String prefix;

  OriginalEventsSystem(Fixture fixture) throws Exception {
    this.fixture = fixture;
    this.valkey = ValkeyConnection.open(fixture.valkeyUrl, Duration.ofSeconds(10));
    this.redis = valkey.async();
    this.pool = fixture.pool(2, "wbbench-events-original");
    this.table = EventTable.create(fixture, name());
    phase("init");
  }

  @Override
  public String name() {
    return SystemNames.EVENTS_ORIGINAL;
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
    prefix = fixture.namespace(name(), phase) + ":";
  }

  private String queue() {
    return prefix + "flight_event_queue";
  }

  private static byte[] task(long id, long flight, Report r) {
    ObjectNode t = JSON.createObjectNode();
    t.put("event_id", id);
    t.put("flight_id", flight);
    t.put("report", Report.text(r));
    t.put("queued_at", LocalDateTime.now().toString());
    return t.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void write(long key, long seq) throws Exception {
    Report r = Report.of(key, seq);
    redis.setex(prefix + "flight_latest:" + key, 3600, Report.text(r).getBytes(StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
    redis.rpush(queue(), task(seq, key, r)).get(10, TimeUnit.SECONDS);
  }

  @Override
  public boolean batches() {
    return false;
  }

  @Override
  public void appendBatch(long key, long seq, int size) {
    throw new UnsupportedOperationException("the original has no batched append");
  }

  @Override
  public Map<String, Ingest> ingests() {
    return Map.of(EventFigures.INGEST, new Ingest() {
      @Override
      public void prepare(int count) throws Exception {
        for (int from = 0; from < count; from += 1000) {
          int n = Math.min(1000, count - from);
          byte[][] tasks = new byte[n][];
          for (int i = 0; i < n; i++) {
            long flight = EventTable.flight(from + i);
            tasks[i] = task(from + i + 1, flight, Report.of(flight, from + i));
          }
          redis.rpush(queue(), tasks).get(30, TimeUnit.SECONDS);
        }
      }

      /** The original's process_queue: LPOP a task, INSERT its row, commit; until the queue is empty. */
      @Override
      public void load() throws Exception {
        byte[] raw;
        String sql = "INSERT INTO " + table + " (" + EventTable.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)";
        while ((raw = redis.lpop(queue()).get(10, TimeUnit.SECONDS)) != null) {
          JsonNode t = JSON.readTree(raw);
          Report r = Report.parse(t.get("report").asText());
          Object[] row = EventTable.row(t.get("event_id").asLong(), t.get("flight_id").asLong(), r);
          try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(false);
            for (int j = 0; j < row.length; j++) {
              ps.setObject(j + 1, row[j]);
            }
            ps.executeUpdate();
            c.commit();
            c.setAutoCommit(true);
          }
        }
      }
    });
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
