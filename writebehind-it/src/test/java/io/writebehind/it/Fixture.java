package io.writebehind.it;

import com.zaxxer.hikari.HikariDataSource;
import io.writebehind.Codec;
import io.writebehind.Codecs;
import io.writebehind.WriteBehind;
import io.writebehind.jdbc.DataSources;
import io.writebehind.jdbc.Dialect;
import io.writebehind.jdbc.JdbcSink;
import io.writebehind.jdbc.KeyValueTable;
import io.writebehind.testkit.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * One test's world: a fresh table in a real database, a fresh namespace in a real Valkey,
 * and the engine between them. Keys are longs, values strings.
 */
final class Fixture implements AutoCloseable {
  static final Codec<Long, String> CODEC = Codecs.longKeysTextValues();

  /** The databases every end-to-end promise runs against. */
  static Stream<Arguments> databases() {
    return Stream.of(
        Arguments.of("postgresql", TestServers.postgresJdbcUrl()),
        Arguments.of("mariadb", TestServers.mariadbJdbcUrl()));
  }

  final String valkeyUrl;
  final String jdbcUrl;
  final String namespace;
  final String table;
  final HikariDataSource dataSource;
  final Dialect dialect;
  final JdbcSink<Long, String> sink;
  final WriteBehind<Long, String> engine;

  Fixture(String valkeyUrl, String jdbcUrl, int partitions) throws Exception {
    this(valkeyUrl, jdbcUrl, partitions, b -> b);
  }

  /** As above, with the engine's builder changed by {@code settings} (a durability, a timeout). */
  Fixture(String valkeyUrl, String jdbcUrl, int partitions,
      java.util.function.UnaryOperator<io.writebehind.WriteBehindBuilder<Long, String>> settings) throws Exception {
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    this.valkeyUrl = valkeyUrl;
    this.jdbcUrl = jdbcUrl;
    this.namespace = "it-" + id;
    this.table = "wb_it_" + id;
    this.dialect = Dialect.fromJdbcUrl(jdbcUrl);
    this.dataSource = DataSources.hikari(jdbcUrl, 4, "it-" + id);
    KeyValueTable.create(dataSource, dialect, table);
    this.sink = KeyValueTable.sink(dataSource, dialect, table);
    this.engine = settings.apply(WriteBehind.builder(CODEC).valkeyUrl(valkeyUrl).namespace(namespace)
        .partitions(partitions).sink(sink)).build();
  }

  /** Row versions as the database holds them now. */
  Map<Long, Long> versions() throws Exception {
    return query("SELECT id, wb_version FROM " + table);
  }

  Map<Long, String> payloads() throws Exception {
    Map<Long, String> out = new HashMap<>();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT id, payload FROM " + table)) {
      while (rs.next()) {
        out.put(rs.getLong(1), rs.getString(2));
      }
    }
    return out;
  }

  private Map<Long, Long> query(String sql) throws Exception {
    Map<Long, Long> out = new HashMap<>();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.put(rs.getLong(1), rs.getLong(2));
      }
    }
    return out;
  }

  @Override
  public void close() throws Exception {
    try {
      engine.admin().purgeNamespace();
      engine.close();
      try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
        s.execute("DROP TABLE " + table);
      }
    } finally {
      dataSource.close();
    }
  }
}
