package io.writebehind.it;

import com.zaxxer.hikari.HikariDataSource;
import io.writebehind.Codecs;
import io.writebehind.Counters;
import io.writebehind.jdbc.DataSources;
import io.writebehind.jdbc.Dialect;
import io.writebehind.jdbc.JdbcCounterSink;
import io.writebehind.sink.CounterSink;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * One counters test's world: a fresh {@code (id, views, bookings)} table in a real database,
 * a fresh namespace in a real Valkey or Redis, and the counters between them; and the sum of
 * every acknowledged delta, which the database must end up holding.
 */
final class CounterFixture implements AutoCloseable {
  final String valkeyUrl;
  final String jdbcUrl;
  final String namespace;
  final String table;
  final HikariDataSource dataSource;
  final JdbcCounterSink<Long> jdbc;
  final Counters<Long> counters;
  /** key -> the sum of its acknowledged view deltas. */
  final Map<Long, Long> acked = new ConcurrentHashMap<>();

  CounterFixture(String valkeyUrl, String jdbcUrl, int partitions) throws Exception {
    this(valkeyUrl, jdbcUrl, partitions, s -> s);
  }

  /** {@code wrap} puts something between the counters and the real sink (a crash, a stall). */
  CounterFixture(String valkeyUrl, String jdbcUrl, int partitions, UnaryOperator<CounterSink<Long>> wrap) throws Exception {
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    this.valkeyUrl = valkeyUrl;
    this.jdbcUrl = jdbcUrl;
    this.namespace = "itc-" + id;
    this.table = "wb_itc_" + id;
    this.dataSource = DataSources.hikari(jdbcUrl, 4, "itc-" + id);
    createTable(dataSource, table);
    this.jdbc = JdbcCounterSink.<Long>builder(dataSource, table, "id").leaderboardTable(table + "_lb").build();
    this.counters = build(valkeyUrl, namespace, partitions, wrap.apply(jdbc));
  }

  static void createTable(HikariDataSource ds, String table) throws Exception {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, views BIGINT, bookings BIGINT)");
      s.execute("CREATE TABLE " + table + "_lb (board VARCHAR(64) NOT NULL, member BIGINT NOT NULL, score BIGINT, "
          + "PRIMARY KEY (board, member))");
    }
  }

  static Counters<Long> build(String valkeyUrl, String namespace, int partitions, CounterSink<Long> sink) {
    return Counters.builder(Codecs.longKeys()).valkeyUrl(valkeyUrl).namespace(namespace).partitions(partitions)
        .fields("views", "bookings").sink(sink).build();
  }

  Dialect dialect() {
    return Dialect.fromJdbcUrl(jdbcUrl);
  }

  /** Adds to views and records the acknowledged delta. */
  long view(long key, long delta) {
    long total = counters.increment(key, "views", delta);
    acked.merge(key, delta, Long::sum);
    return total;
  }

  /** board -> member -> score as the database holds them. */
  Map<Long, Long> scores(String board) throws Exception {
    Map<Long, Long> out = new HashMap<>();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT member, COALESCE(score, 0) FROM " + table + "_lb WHERE board = '" + board + "'")) {
      while (rs.next()) {
        out.put(rs.getLong(1), rs.getLong(2));
      }
    }
    return out;
  }

  void exec(String sql) throws Exception {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** views per id as the database holds them (NULL read as 0). */
  Map<Long, Long> views() throws Exception {
    Map<Long, Long> out = new HashMap<>();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT id, COALESCE(views, 0) FROM " + table)) {
      while (rs.next()) {
        out.put(rs.getLong(1), rs.getLong(2));
      }
    }
    return out;
  }

  /** The database holds exactly the acknowledged sums (plus {@code extra} written by others), and so does the cache. */
  void assertExactlyOnce(Map<Long, Long> extra) throws Exception {
    Map<Long, Long> db = views();
    Map<Long, Long> expected = new HashMap<>(extra);
    acked.forEach((k, v) -> expected.merge(k, v, Long::sum));
    org.assertj.core.api.Assertions.assertThat(db).as("views in the database").isEqualTo(expected);
    for (Map.Entry<Long, Long> e : expected.entrySet()) {
      org.assertj.core.api.Assertions.assertThat(counters.get(e.getKey()).get("views"))
          .as("cached views of %d", e.getKey()).isEqualTo(e.getValue());
    }
  }

  @Override
  public void close() throws Exception {
    try {
      counters.admin().purgeNamespace();
      counters.close();
      exec("DROP TABLE " + table);
      exec("DROP TABLE " + table + "_lb");
      exec("DELETE FROM writebehind_positions WHERE namespace = '" + namespace + "'");
    } finally {
      dataSource.close();
    }
  }
}
