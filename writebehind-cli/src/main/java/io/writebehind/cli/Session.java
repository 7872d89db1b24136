package io.writebehind.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.RedisConnectionException;
import io.writebehind.cli.local.LocalServers;
import io.writebehind.engine.WriteBehind;
import io.writebehind.flights.Flight;
import io.writebehind.flights.FlightCodec;
import io.writebehind.flights.FlightRepository;
import io.writebehind.flights.FlightSink;
import io.writebehind.flights.FlightsSchema;
import io.writebehind.jdbc.DataSources;
import io.writebehind.jdbc.Dialect;
import io.writebehind.jdbc.JdbcUrls;
import io.writebehind.journal.ValkeyConnection;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Everything a command needs, opened in order and closed in reverse: the servers' URLs
 * (flag, else environment, else local servers), the connection pool, the flights schema and
 * the engine over the flights table.
 */
public final class Session implements AutoCloseable {
  private final String valkeyUrl;
  private final String databaseUrl;
  private final String serversDescription;
  private final HikariDataSource dataSource;
  private final Dialect dialect;
  private final ValkeyConnection valkey;
  private final WriteBehind<Long, Flight> engine;
  private final FlightSink sink;
  private final FlightRepository repository;
  private boolean closed;

  private Session(ConnectionOptions options, int poolSize, boolean existingNamespace) {
    String v = firstNonBlank(options.valkeyUrl, System.getenv("VALKEY_URL"));
    String d = firstNonBlank(options.databaseUrl, System.getenv("DATABASE_URL"));
    String described = null;
    if (v == null || d == null) {
      LocalServers.Local local;
      try {
        local = LocalServers.open(home());
      } catch (Exception e) {
        throw new CliException(CliException.UNREACHABLE, "could not start the local servers under " + home() + ": " + e.getMessage(), e);
      }
      if (v == null) {
        v = local.valkeyUrl();
        described = local.valkey().description();
      }
      if (d == null) {
        d = local.jdbcUrl();
        described = described == null ? local.postgres().description() : described + "; " + local.postgres().description();
      }
    }
    this.valkeyUrl = v;
    this.databaseUrl = d;
    this.serversDescription = described;
    Dialect dia;
    try {
      dia = Dialect.fromJdbcUrl(d);
    } catch (IllegalArgumentException e) {
      throw CliException.badInput(e.getMessage());
    }
    this.dialect = dia;
    this.dataSource = DataSources.hikari(d, poolSize, "writebehind");
    try (Connection c = dataSource.getConnection()) {
      c.isValid(5);
    } catch (SQLException e) {
      dataSource.close();
      throw new CliException(CliException.UNREACHABLE,
          "cannot reach the database at " + JdbcUrls.redact(d) + ": " + firstLine(e.getMessage()), e);
    }
    try {
      FlightsSchema.migrate(dataSource, dialect);
    } catch (RuntimeException e) {
      dataSource.close();
      throw new CliException(CliException.FAILED, "migrating the flights schema failed: " + firstLine(e.getMessage()), e);
    }
    try {
      this.valkey = ValkeyConnection.open(v, Duration.ofSeconds(10));
    } catch (IllegalArgumentException e) {
      dataSource.close();
      throw CliException.badInput(e.getMessage());
    } catch (RedisConnectionException e) {
      dataSource.close();
      throw new CliException(CliException.UNREACHABLE,
          "cannot reach Valkey at " + ValkeyConnection.redact(v) + ": " + firstLine(rootMessage(e)), e);
    }
    if (existingNamespace) {
      requireNamespace(options.namespace);
    }
    this.sink = new FlightSink(dataSource, dialect);
    this.repository = new FlightRepository(dataSource, dialect);
    try {
      this.engine = WriteBehind.builder(new FlightCodec())
          .connection(valkey).namespace(options.namespace).partitions(options.partitions)
          .ttl(Duration.ofHours(1)).sink(sink).build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      close();
      throw CliException.badInput(e.getMessage());
    }
  }

  public static Session open(ConnectionOptions options) {
    return new Session(options, 4, false);
  }

  /**
   * For commands that only look (status, dlq): a namespace nothing has written to is most
   * likely a typo, and opening the engine would record it as a new one.
   */
  public static Session openExisting(ConnectionOptions options) {
    return new Session(options, 4, true);
  }

  private void requireNamespace(String namespace) {
    String meta = new io.writebehind.journal.KeyLayout(namespace, 1).metaKey();
    Long exists;
    try {
      exists = valkey.async().exists(meta).get(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      close();
      throw new CliException(CliException.UNREACHABLE, "cannot reach Valkey at " + redactedValkeyUrl() + ": " + firstLine(rootMessage(e)), e);
    }
    if (exists == 0) {
      close();
      throw CliException.badInput("unknown namespace '" + namespace + "' on " + redactedValkeyUrl()
          + ": nothing has written to it (see --namespace)");
    }
  }

  public static Path home() {
    String h = System.getenv("WRITEBEHIND_HOME");
    return Path.of(h == null || h.isBlank() ? ".writebehind" : h).toAbsolutePath();
  }

  public WriteBehind<Long, Flight> engine() {
    return engine;
  }

  public FlightSink sink() {
    return sink;
  }

  public FlightRepository repository() {
    return repository;
  }

  public HikariDataSource dataSource() {
    return dataSource;
  }

  public Dialect dialect() {
    return dialect;
  }

  public ValkeyConnection valkey() {
    return valkey;
  }

  /** Where the data lives, passwords masked. */
  public String describe() {
    String base = "Valkey " + ValkeyConnection.redact(valkeyUrl) + ", database " + JdbcUrls.redact(databaseUrl);
    return serversDescription == null ? base : base + " (local: " + serversDescription + ")";
  }

  public String redactedValkeyUrl() {
    return ValkeyConnection.redact(valkeyUrl);
  }

  public String redactedDatabaseUrl() {
    return JdbcUrls.redact(databaseUrl);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (engine != null) {
      engine.close();
    }
    if (valkey != null) {
      valkey.close();
    }
    dataSource.close();
  }

  static String firstNonBlank(String a, String b) {
    if (a != null && !a.isBlank()) {
      return a;
    }
    return b != null && !b.isBlank() ? b : null;
  }

  static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }

  static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c.getMessage() == null ? c.toString() : c.getMessage();
  }
}
