package io.writebehind.it;

import com.zaxxer.hikari.HikariDataSource;
import io.writebehind.Codec;
import io.writebehind.Events;
import io.writebehind.jdbc.DataSources;
import io.writebehind.jdbc.JdbcEventSink;
import io.writebehind.sink.EventSink;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * One events test's world: a fresh {@code (event_id, sensor, reading, note)} table in a real
 * database, a fresh namespace in a real Valkey or Redis, the events between them, and every
 * acknowledged event id, which the database must hold exactly once each.
 */
final class EventFixture implements AutoCloseable {
  /** A sensor's reading; the note is text (the table takes at most 16 characters of it). */
  record Reading(long value, String note) {}

  /** {@code value|note}; anything else does not decode. */
  static final Codec<Long, Reading> CODEC = new Codec<>() {
    @Override
    public String encodeKey(Long key) {
      return Long.toString(key);
    }

    @Override
    public Long decodeKey(String encoded) {
      return Long.parseLong(encoded);
    }

    @Override
    public byte[] encodeValue(Reading r) {
      return (r.value() + "|" + r.note()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Reading decodeValue(byte[] bytes) {
      String s = new String(bytes, StandardCharsets.UTF_8);
      int bar = s.indexOf('|');
      if (bar < 0) {
        throw new IllegalArgumentException("not a reading: " + s);
      }
      return new Reading(Long.parseLong(s.substring(0, bar)), s.substring(bar + 1));
    }
  };

  final String valkeyUrl;
  final String jdbcUrl;
  final String namespace;
  final String table;
  final HikariDataSource dataSource;
  final JdbcEventSink<Long, Reading> jdbc;
  final Events<Long, Reading> events;
  /** event id -> sensor of every acknowledged append. */
  final Map<Long, Long> acked = new ConcurrentHashMap<>();

  EventFixture(String valkeyUrl, String jdbcUrl, int partitions) throws Exception {
    this(valkeyUrl, jdbcUrl, partitions, s -> s);
  }

  /** {@code wrap} puts something between the events and the real sink (a crash, a stall). */
  EventFixture(String valkeyUrl, String jdbcUrl, int partitions, UnaryOperator<EventSink<Long, Reading>> wrap)
      throws Exception {
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    this.valkeyUrl = valkeyUrl;
    this.jdbcUrl = jdbcUrl;
    this.namespace = "ite-" + id;
    this.table = "wb_ite_" + id;
    this.dataSource = DataSources.hikari(jdbcUrl, 4, "ite-" + id);
    exec("CREATE TABLE " + table + " (event_id BIGINT NOT NULL, sensor BIGINT NOT NULL, reading BIGINT, note VARCHAR(16))");
    this.jdbc = sink(dataSource, table);
    this.events = build(valkeyUrl, namespace, partitions, wrap.apply(jdbc));
  }

  /** The test's events; a producer's have no sink ({@code null}). */
  static Events<Long, Reading> build(String valkeyUrl, String namespace, int partitions, EventSink<Long, Reading> sink) {
    var b = Events.builder(CODEC).valkeyUrl(valkeyUrl).namespace(namespace).partitions(partitions).recent(3);
    return (sink == null ? b : b.sink(sink)).build();
  }

  static JdbcEventSink<Long, Reading> sink(HikariDataSource ds, String table) {
    return JdbcEventSink.<Long, Reading>builder(ds, table).keyColumn("sensor")
        .column("reading", Reading::value).column("note", Reading::note).build();
  }

  /** Appends one event and records it as acknowledged. */
  long append(long sensor, long value) {
    long id = events.append(sensor, new Reading(value, "r" + value));
    acked.put(id, sensor);
    return id;
  }

  void exec(String sql) throws Exception {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** event id -> how many rows carry it. */
  Map<Long, Integer> rows() throws Exception {
    Map<Long, Integer> out = new HashMap<>();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT event_id FROM " + table)) {
      while (rs.next()) {
        out.merge(rs.getLong(1), 1, Integer::sum);
      }
    }
    return out;
  }

  /** The database holds each acknowledged event once, and nothing else (but {@code extra} more rows). */
  void assertExactlyOnce(int extra) throws Exception {
    Map<Long, Integer> rows = rows();
    Map<Long, Integer> twice = new HashMap<>();
    rows.forEach((id, n) -> {
      if (n > 1) {
        twice.put(id, n);
      }
    });
    org.assertj.core.api.Assertions.assertThat(twice).as("events stored more than once").isEmpty();
    org.assertj.core.api.Assertions.assertThat(acked.keySet()).as("acknowledged events missing from the database")
        .allMatch(rows::containsKey);
    org.assertj.core.api.Assertions.assertThat(rows).as("rows").hasSize(acked.size() + extra);
  }

  @Override
  public void close() throws Exception {
    try {
      events.admin().purgeNamespace();
      events.close();
      exec("DROP TABLE " + table);
      exec("DELETE FROM writebehind_positions WHERE namespace = '" + namespace + "'");
    } finally {
      dataSource.close();
    }
  }
}
