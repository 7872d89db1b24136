package io.writebehind.cli;

import io.lettuce.core.RedisException;
import io.writebehind.CounterLoadException;
import io.writebehind.CounterOverflowException;
import io.writebehind.Counters;
import io.writebehind.JournalFullException;
import io.writebehind.SizeLimitException;
import io.writebehind.flights.FlightStats;
import io.writebehind.jdbc.SinkSetupException;
import java.time.Duration;

/**
 * The flights' counters ({@link FlightStats}: views and bookings per flight) over a session's
 * servers and pool, in the namespace given or {@value FlightStats#NAMESPACE}.
 */
public final class CounterSession implements AutoCloseable {
  private final Session session;
  private final Counters<Long> counters;
  private final String namespace;
  private final int partitions;

  private CounterSession(Session session, Counters<Long> counters, String namespace, int partitions) {
    this.session = session;
    this.counters = counters;
    this.namespace = namespace;
    this.partitions = partitions;
  }

  public static CounterSession open(ConnectionOptions options) {
    return open(options, FlightStats.NAMESPACE);
  }

  /** As {@link #open(ConnectionOptions)}, with another namespace when none is given. */
  public static CounterSession open(ConnectionOptions options, String defaultNamespace) {
    Session s = Session.openWithoutEngine(options);
    try {
      String namespace = options.namespaceOr(defaultNamespace);
      return new CounterSession(s, counters(s.valkeyUrl(), s.dataSource(), namespace, options.partitions, Duration.ofSeconds(10)),
          namespace, options.partitions);
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /** Counters on {@code valkeyUrl} over a pool of the flights database; a setting or server that cannot be used is a CLI error. */
  public static Counters<Long> counters(String valkeyUrl, javax.sql.DataSource dataSource, String namespace, int partitions,
      Duration commandTimeout) {
    try {
      return FlightStats.builder(valkeyUrl, dataSource).namespace(namespace).partitions(partitions)
          .commandTimeout(commandTimeout).ttl(Duration.ofHours(1)).build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw CliException.badInput(Session.firstLine(e.getMessage()));
    } catch (SinkSetupException e) {
      throw new CliException(CliException.FAILED, Session.firstLine(e.getMessage()), e);
    } catch (RedisException e) {
      throw Session.valkeyFailure(e, ServerUrls.redact(valkeyUrl));
    }
  }

  /**
   * Whether a failed increment surely stored nothing (the counters say so for these), so
   * that it can be retried; any other failure leaves it in doubt: it may have been counted.
   */
  public static boolean storedNothing(RuntimeException e) {
    return e instanceof CounterLoadException || e instanceof JournalFullException || e instanceof CounterOverflowException
        || e instanceof SizeLimitException || e instanceof IllegalArgumentException;
  }

  public Session session() {
    return session;
  }

  public Counters<Long> counters() {
    return counters;
  }

  public String namespace() {
    return namespace;
  }

  public int partitions() {
    return partitions;
  }

  @Override
  public void close() {
    try {
      counters.close();
    } finally {
      session.close();
    }
  }
}
