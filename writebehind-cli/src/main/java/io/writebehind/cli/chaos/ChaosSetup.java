package io.writebehind.cli.chaos;

import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.RedisException;
import io.writebehind.Counters;
import io.writebehind.Durability;
import io.writebehind.cli.CliException;
import io.writebehind.cli.CounterSession;
import io.writebehind.cli.DatabaseCheck;
import io.writebehind.cli.EventSession;
import io.writebehind.cli.FlightKeys;
import io.writebehind.Events;
import io.writebehind.flights.FlightReport;
import io.writebehind.cli.ServerUrls;
import io.writebehind.cli.Session;
import io.writebehind.cli.local.LocalServers;
import io.writebehind.WriteBehind;
import io.writebehind.flights.Flight;
import io.writebehind.flights.FlightCodec;
import io.writebehind.flights.FlightRepository;
import io.writebehind.flights.FlightsCounts;
import io.writebehind.flights.FlightsGenerator;
import io.writebehind.flights.FlightsLoader;
import io.writebehind.flights.FlightsSchema;
import io.writebehind.jdbc.DataSources;
import io.writebehind.jdbc.Dialect;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What a chaos run opens before the writers start: the database (schema and sample flights
 * in place) and the engine; a server that cannot be used is a clear CLI error, not a stack trace.
 */
public final class ChaosSetup {
  private ChaosSetup() {}

  /** Where the run writes; a server not given (by option or environment) is the local one, which the run may restart. */
  record Servers(String valkeyUrl, String jdbcUrl, boolean localValkey, boolean localDb) {}

  static Servers servers(String valkeyUrl, String databaseUrl) {
    String v = ServerUrls.valkey(valkeyUrl);
    String d = ServerUrls.database(databaseUrl);
    boolean localValkey = v == null;
    boolean localDb = d == null;
    if (localValkey || localDb) {
      try {
        LocalServers.Local local = LocalServers.open(Session.home());
        v = localValkey ? local.valkeyUrl() : v;
        d = localDb ? local.jdbcUrl() : d;
      } catch (IOException | RuntimeException e) {
        throw new CliException(CliException.UNREACHABLE, "could not start the local servers under " + Session.home() + ": "
            + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
      }
    }
    return new Servers(v, d, localValkey, localDb);
  }

  static HikariDataSource openPool(String url, Dialect dialect) {
    DatabaseCheck.connect(url, dialect);
    HikariDataSource pool = DataSources.hikari(url, 3, "writebehind-chaos");
    try (Connection c = pool.getConnection()) {
      c.isValid(5);
      FlightsSchema.migrate(pool, dialect);
    } catch (io.writebehind.flights.AdoptionNeededException e) {
      pool.close();
      throw CliException.badInput(io.writebehind.cli.AdoptCommand.hint(e));
    } catch (SQLException | RuntimeException e) {
      pool.close();
      throw new CliException(CliException.UNREACHABLE, "cannot use the database at " + ServerUrls.redact(url) + ": "
          + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
    }
    return pool;
  }

  static WriteBehind<Long, Flight> openEngine(String url, String ns, int partitions) {
    return openEngine(url, ns, partitions, Durability.MEMORY);
  }

  static WriteBehind<Long, Flight> openEngine(String url, String ns, int partitions, Durability durability) {
    try {
      return WriteBehind.builder(new FlightCodec()).valkeyUrl(url).namespace(ns).partitions(partitions)
          .commandTimeout(Duration.ofSeconds(5)).durability(durability).build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw CliException.badInput(e.getMessage());
    } catch (RedisException e) {
      throw Session.valkeyFailure(e, ServerUrls.redact(url));
    }
  }

  static Counters<Long> openCounters(String url, HikariDataSource pool, String ns, int partitions) {
    return CounterSession.counters(url, pool, ns, partitions, Duration.ofSeconds(5));
  }

  static Events<Long, FlightReport> openEvents(String url, HikariDataSource pool, Dialect dialect, String ns, int partitions) {
    return EventSession.events(url, pool, dialect, ns, partitions, Duration.ofSeconds(5));
  }

  /**
   * Removes the run's positions from the counter and event sinks' table (its default name), where each
   * partition of a namespace keeps a row; the namespace's keys are gone by then.
   */
  public static void forgetPositions(javax.sql.DataSource pool, String ns) {
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement("DELETE FROM writebehind_positions WHERE namespace = ?")) {
      ps.setString(1, ns);
      ps.executeUpdate();
    } catch (SQLException e) {
      System.err.println("writebehind: could not remove the positions of namespace " + ns + ": " + EventLog.firstLine(e.getMessage()));
    }
  }

  /** The flights of {@link FlightKeys#upTo} as the database holds them: what the writers shift the times of. */
  static Map<Long, Flight> prepareFlights(HikariDataSource pool, Dialect dialect, int keys) throws SQLException {
    FlightsCounts counts = FlightsLoader.counts(pool, dialect);
    if (counts.flights() == 0) {
      long n = Math.max(keys, FlightsGenerator.DEMO_FLIGHT_ID);
      System.out.printf("loading %,d sample flights (first use)...%n", n);
      FlightsLoader.load(pool, dialect, n, FlightsGenerator.DEFAULT_SEED, FlightsLoader.Progress.NONE);
    }
    FlightRepository repository = new FlightRepository(pool, dialect);
    Map<Long, Flight> base = new HashMap<>();
    for (long id : FlightKeys.upTo(keys)) {
      long flightId = id;
      base.put(id, repository.find(id).orElseThrow(() -> CliException.badInput("--keys " + keys + " but flight " + flightId
          + " does not exist; use fewer keys or run 'writebehind init --reset --flights " + keys + "'")));
    }
    return base;
  }
}
