package io.writebehind.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.writebehind.cli.local.LocalServers;
import io.writebehind.WriteBehind;
import io.writebehind.admin.Namespaces;
import io.writebehind.flights.AdoptionNeededException;
import io.writebehind.flights.Flight;
import io.writebehind.flights.FlightCodec;
import io.writebehind.flights.FlightRepository;
import io.writebehind.flights.FlightSink;
import io.writebehind.flights.FlightsSchema;
import io.writebehind.jdbc.DataSources;
import io.writebehind.jdbc.Dialect;
import io.writebehind.ValkeyConnection;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything a command needs, opened in order and closed in reverse: the servers' URLs
 * (flag, else environment, else local servers; checked before a local server starts), the
 * connection pool, the flights schema and the engine over the flights table. Commands that
 * only look at Valkey (status, dlq) open it without a database: no pool, no migration, no
 * local PostgreSQL.
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

  private Session(ConnectionOptions options, int poolSize, boolean withDatabase, boolean existingNamespace) {
    this(options, poolSize, withDatabase, existingNamespace, true);
  }

  private Session(ConnectionOptions options, int poolSize, boolean withDatabase, boolean existingNamespace, boolean withEngine) {
    options.check();
    String v = ServerUrls.valkey(options.valkeyUrl);
    String d = withDatabase ? ServerUrls.database(options.databaseUrl) : null;
    String described = null;
    if (v == null || (withDatabase && d == null)) {
      try {
        if (withDatabase) {
          LocalServers.Local local = LocalServers.open(home());
          if (v == null) {
            v = local.valkeyUrl();
            described = local.valkey().description();
          }
          if (d == null) {
            d = local.jdbcUrl();
            described = described == null ? local.postgres().description() : described + "; " + local.postgres().description();
          }
        } else {
          LocalServers.Server local = LocalServers.openValkey(home());
          v = local.url();
          described = local.description();
        }
      } catch (Exception e) {
        throw new CliException(CliException.UNREACHABLE, "could not start the local servers under " + home() + ": "
            + firstLine(e.getMessage()), e);
      }
    }
    this.valkeyUrl = v;
    this.databaseUrl = d;
    this.serversDescription = described;
    if (withDatabase) {
      this.dialect = Dialect.fromJdbcUrl(d);
      DatabaseCheck.connect(d, dialect);
      this.dataSource = DataSources.hikari(d, poolSize, "writebehind");
      try {
        FlightsSchema.migrate(dataSource, dialect);
      } catch (AdoptionNeededException e) {
        dataSource.close();
        throw CliException.badInput(AdoptCommand.hint(e));
      } catch (RuntimeException e) {
        dataSource.close();
        throw new CliException(CliException.FAILED, "migrating the flights schema failed: " + firstLine(e.getMessage()), e);
      }
    } else {
      this.dialect = null;
      this.dataSource = null;
    }
    try {
      this.valkey = ValkeyConnection.open(v, Duration.ofSeconds(10));
    } catch (IllegalArgumentException e) {
      closePool();
      throw CliException.badInput(firstLine(e.getMessage()));
    } catch (RedisException e) {
      closePool();
      throw valkeyFailure(e, redactedValkeyUrl());
    }
    if (existingNamespace) {
      requireNamespace(options.namespace, options.partitions);
    }
    this.sink = withDatabase ? new FlightSink(dataSource, dialect) : null;
    this.repository = withDatabase ? new FlightRepository(dataSource, dialect) : null;
    if (!withEngine) {
      this.engine = null;
      return;
    }
    try {
      var builder = WriteBehind.builder(new FlightCodec())
          .valkeyUrl(v).namespace(options.namespace).partitions(options.partitions)
          .ttl(Duration.ofHours(1))
          .durability(options.durability)
          // status and dlq only read: they must work, and warn, on a server that evicts
          .acceptEviction(!withDatabase);
      this.engine = withDatabase ? builder.sink(sink).build() : builder.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      close();
      throw CliException.badInput(e.getMessage());
    } catch (RuntimeException e) {
      close();
      throw valkeyFailure(e, redactedValkeyUrl());
    }
  }

  /** The engine over the flights table, with its database: for commands that write or drain. */
  public static Session open(ConnectionOptions options) {
    return new Session(options, 4, true, false);
  }

  /**
   * The servers, the pool and the flights schema without the flights' engine: for commands
   * on another namespace of their own, the counters ({@link CounterSession}).
   */
  static Session openWithoutEngine(ConnectionOptions options) {
    return new Session(options, 4, true, false, false);
  }

  /**
   * For commands that only look (status, dlq): Valkey alone, never a database. A namespace
   * nothing has written to is most likely a typo, and opening the engine would record it as
   * a new one.
   */
  public static Session openExisting(ConnectionOptions options) {
    return new Session(options, 4, false, true);
  }

  /** Valkey alone, no namespace and no engine: for the dashboard, which watches every namespace. */
  public static Session openValkey(ConnectionOptions options) {
    return new Session(options, 0, false, false, false);
  }

  /** Fails (and closes the session) with a one-line error when nothing has written to {@code namespace}. */
  void requireNamespace(String namespace, int partitions) {
    boolean exists;
    try {
      exists = Namespaces.exists(valkey, namespace, partitions, 10_000);
    } catch (IllegalArgumentException e) {
      close();
      throw CliException.badInput(firstLine(e.getMessage()));
    } catch (RuntimeException e) {
      close();
      throw valkeyFailure(e, redactedValkeyUrl());
    }
    if (!exists) {
      close();
      throw CliException.badInput("unknown namespace '" + namespace + "' on " + redactedValkeyUrl()
          + ": nothing has written to it (see --namespace)");
    }
  }

  /**
   * A Valkey failure as one line with the server's own words when it gave some (WRONGPASS,
   * NOPERM...), else the innermost cause; exit 3. The cluster client hides the server's
   * reply among suppressed exceptions, so those are searched too.
   */
  public static CliException valkeyFailure(Throwable e, String redactedUrl) {
    String at = redactedUrl == null ? "" : " at " + redactedUrl;
    Throwable refused = find(e, RedisCommandExecutionException.class);
    if (refused != null) {
      return new CliException(CliException.UNREACHABLE, "Valkey" + at + " refused: " + firstLine(refused.getMessage()), e);
    }
    return new CliException(CliException.UNREACHABLE, "cannot reach Valkey" + at + ": " + firstLine(rootMessage(e)), e);
  }

  static Throwable find(Throwable t, Class<? extends Throwable> type) {
    java.util.ArrayDeque<Throwable> todo = new java.util.ArrayDeque<>(java.util.List.of(t));
    java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    while (!todo.isEmpty()) {
      Throwable c = todo.poll();
      if (!seen.add(c)) {
        continue;
      }
      if (type.isInstance(c)) {
        return c;
      }
      if (c.getCause() != null) {
        todo.add(c.getCause());
      }
      todo.addAll(java.util.List.of(c.getSuppressed()));
    }
    return null;
  }

  public static Path home() {
    String h = System.getenv("WRITEBEHIND_HOME");
    return Path.of(h == null || h.isBlank() ? ".writebehind" : h).toAbsolutePath();
  }

  public WriteBehind<Long, Flight> engine() {
    if (engine == null) {
      throw new IllegalStateException("this session was opened without the flights' engine");
    }
    return engine;
  }

  public FlightSink sink() {
    return withDatabase(sink);
  }

  public FlightRepository repository() {
    return withDatabase(repository);
  }

  public HikariDataSource dataSource() {
    return withDatabase(dataSource);
  }

  public Dialect dialect() {
    return withDatabase(dialect);
  }

  private <T> T withDatabase(T t) {
    if (t == null) {
      throw new IllegalStateException("this session was opened without a database (Session.openExisting)");
    }
    return t;
  }

  public ValkeyConnection valkey() {
    return valkey;
  }

  /** Where the data lives, passwords masked. */
  public String describe() {
    String base = "Valkey " + redactedValkeyUrl() + (databaseUrl == null ? "" : ", database " + redactedDatabaseUrl());
    return serversDescription == null ? base : base + " (local: " + serversDescription + ")";
  }

  /** The Valkey URL as given, password and all: for another client, never for printing. */
  public String valkeyUrl() {
    return valkeyUrl;
  }

  /** The database URL as given, password and all: for another process, never for printing. */
  public String databaseUrl() {
    return withDatabase(databaseUrl);
  }

  public String redactedValkeyUrl() {
    return ServerUrls.redact(valkeyUrl);
  }

  public String redactedDatabaseUrl() {
    return ServerUrls.redact(withDatabase(databaseUrl));
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
    closePool();
  }

  private void closePool() {
    if (dataSource != null) {
      dataSource.close();
    }
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
