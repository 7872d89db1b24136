package io.writebehind.bench.systems;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.writebehind.bench.Fixture;
import io.writebehind.bench.SystemNames;
import io.writebehind.flights.Flight;
import io.writebehind.flights.FlightCodec;
import io.writebehind.flights.FlightRepository;
import io.writebehind.flights.FlightSql;
import io.writebehind.ValkeyConnection;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.concurrent.TimeUnit;

/**
 * The walkthrough's original algorithm (reference/original-demo.md), on the flights: a write
 * is GET flight:id + SETEX (3600 s) + RPUSH of a task, three round trips and not atomic; the
 * drain LPOPs one task at a time and runs SELECT + UPDATE flight + INSERT flight_log in one
 * transaction per task. A task popped and then lost with its process is gone.
 */
public final class OriginalSystem implements BenchSystem {
  /** Written times encode the write's sequence number, so a loss check can read it back. */
  public static final LocalDateTime BASE = LocalDateTime.of(2030, 1, 1, 0, 0);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Fixture fixture;
  private final ValkeyConnection valkey;
  private final RedisClusterAsyncCommands<String, byte[]> redis;
  private final HikariDataSource pool;
  private final FlightRepository flights;
  private final FlightCodec codec = new FlightCodec();
  private final FlightSql sql;
  private final int flightCount;
  private String prefix;
  private volatile Thread drainer;
  private volatile boolean draining;

  public OriginalSystem(Fixture fixture) throws Exception {
    this.fixture = fixture;
    this.valkey = ValkeyConnection.open(fixture.valkeyUrl, Duration.ofSeconds(10));
    this.redis = valkey.async();
    this.pool = fixture.pool(8, "wbbench-original");
    this.flights = new FlightRepository(pool, fixture.dialect);
    this.sql = FlightSql.of(fixture.dialect);
    this.flightCount = fixture.plan.flights();
    phase("init");
  }

  /** For the kill test's child: its own prefix instead of a fixture's. */
  public String prefix() {
    return prefix;
  }

  public void usePrefix(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public String name() {
    return SystemNames.ORIGINAL;
  }

  @Override
  public String table() {
    return null;
  }

  @Override
  public long key(long i) {
    return 1 + Math.floorMod(i, flightCount);
  }

  @Override
  public boolean missesReadGenericTable() {
    return false;
  }

  @Override
  public void phase(String phase) throws Exception {
    stopDrain();
    prefix = fixture.namespace(name(), phase) + ":";
  }

  private String cacheKey(long flightId) {
    return prefix + "flight:" + flightId;
  }

  private String queueKey() {
    return prefix + "flight_updates_queue";
  }

  @Override
  public void write(long flightId, long seq) throws Exception {
    Flight current = readThrough(flightId);
    LocalDateTime dep = BASE.plusMinutes(seq);
    Flight changed = current.withTimes(dep, dep.plusHours(2));
    redis.setex(cacheKey(flightId), 3600, codec.encodeValue(changed)).get(10, TimeUnit.SECONDS);
    redis.rpush(queueKey(), task(flightId, dep)).get(10, TimeUnit.SECONDS);
  }

  private static byte[] task(long flightId, LocalDateTime dep) {
    ObjectNode t = JSON.createObjectNode();
    t.put("flight_id", flightId);
    t.put("new_departure", dep.toString());
    t.put("new_arrival", dep.plusHours(2).toString());
    t.put("user", "bench");
    t.put("comment", "Flight delayed");
    t.put("queued_at", LocalDateTime.now().toString());
    return t.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** GET, and on a miss the join query + SETEX: the original's read. */
  private Flight readThrough(long flightId) throws Exception {
    byte[] cached = redis.get(cacheKey(flightId)).get(10, TimeUnit.SECONDS);
    if (cached != null) {
      return codec.decodeValue(cached);
    }
    Flight f = flights.find(flightId).orElseThrow();
    redis.setex(cacheKey(flightId), 3600, codec.encodeValue(f)).get(10, TimeUnit.SECONDS);
    return f;
  }

  @Override
  public void warm(long key) throws Exception {
    readThrough(key);
  }

  @Override
  public void read(long key) throws Exception {
    readThrough(key);
  }

  @Override
  public boolean drainsFlights() {
    return true;
  }

  @Override
  public void preloadFlights(long[] flightIds) throws Exception {
    for (int from = 0; from < flightIds.length; from += 1000) {
      int n = Math.min(1000, flightIds.length - from);
      byte[][] tasks = new byte[n][];
      for (int i = 0; i < n; i++) {
        tasks[i] = task(flightIds[from + i], BASE.plusMinutes(1));
      }
      redis.rpush(queueKey(), tasks).get(30, TimeUnit.SECONDS);
    }
  }

  /** The original's process_queue, in a thread of this process, until stopped. */
  @Override
  public synchronized void startDrain() {
    draining = true;
    drainer = new Thread(() -> {
      while (draining) {
        try {
          if (!processOne()) {
            Thread.sleep(5);
          }
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          // the original counts a failed task and moves on: the task is lost
        }
      }
    }, "original-drain");
    drainer.setDaemon(true);
    drainer.start();
  }

  /** Processes what is queued now, then returns: the original's step 5. */
  public long drainAll() throws Exception {
    long n = 0;
    while (processOne()) {
      n++;
    }
    return n;
  }

  private synchronized void stopDrain() throws InterruptedException {
    draining = false;
    if (drainer != null) {
      drainer.join(10_000);
      drainer = null;
    }
  }

  /** LPOP one task; SELECT, UPDATE, INSERT flight_log in one transaction. False when the queue is empty. */
  boolean processOne() throws Exception {
    byte[] raw = redis.lpop(queueKey()).get(10, TimeUnit.SECONDS);
    if (raw == null) {
      return false;
    }
    JsonNode t = JSON.readTree(raw);
    long id = t.get("flight_id").asLong();
    LocalDateTime dep = LocalDateTime.parse(t.get("new_departure").asText());
    LocalDateTime arr = LocalDateTime.parse(t.get("new_arrival").asText());
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        String flightno;
        int from;
        int to;
        LocalDateTime oldDep;
        LocalDateTime oldArr;
        int airplane;
        int airline;
        try (PreparedStatement ps = c.prepareStatement("SELECT flightno, " + sql.q("from") + ", " + sql.q("to")
            + ", departure, arrival, airplane_id, airline_id FROM flight WHERE flight_id = ?")) {
          ps.setLong(1, id);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              throw new IllegalStateException("no flight " + id);
            }
            flightno = rs.getString(1).stripTrailing();
            from = rs.getInt(2);
            to = rs.getInt(3);
            oldDep = rs.getObject(4, LocalDateTime.class);
            oldArr = rs.getObject(5, LocalDateTime.class);
            airplane = rs.getInt(6);
            airline = rs.getInt(7);
          }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE flight SET departure = ?, arrival = ? WHERE flight_id = ?")) {
          ps.setObject(1, dep);
          ps.setObject(2, arr);
          ps.setLong(3, id);
          ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(sql.insertLog())) {
          int i = 0;
          ps.setString(++i, t.get("user").asText());
          ps.setLong(++i, id);
          ps.setString(++i, flightno);
          ps.setString(++i, flightno);
          ps.setInt(++i, from);
          ps.setInt(++i, from);
          ps.setInt(++i, to);
          ps.setInt(++i, to);
          ps.setObject(++i, oldDep);
          ps.setObject(++i, dep);
          ps.setObject(++i, oldArr);
          ps.setObject(++i, arr);
          ps.setInt(++i, airplane);
          ps.setInt(++i, airplane);
          ps.setInt(++i, airline);
          ps.setInt(++i, airline);
          ps.setString(++i, t.get("comment").asText());
          ps.executeUpdate();
        }
        c.commit();
      } catch (Exception e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
    return true;
  }

  /** The original has no recovery beyond processing what is still queued; a popped task died with its process. */
  @Override
  public void recoverAfterKill() throws Exception {
    drainAll();
  }

  @Override
  public String committedKeysSql() {
    return "SELECT flight_id FROM flight_log WHERE flight_id IN";
  }

  @Override
  public void close() throws Exception {
    stopDrain();
    valkey.close();
    pool.close();
  }
}
