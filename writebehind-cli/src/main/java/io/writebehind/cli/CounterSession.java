package io.writebehind.cli;

import io.writebehind.CounterLoadException;
import io.writebehind.CounterOverflowException;
import io.writebehind.Counters;
import io.writebehind.JournalFullException;
import io.writebehind.SizeLimitException;
import io.writebehind.admin.Admin;
import io.writebehind.flights.FlightStats;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.time.Duration;

/**
 * The flights' counters ({@link FlightStats}: views and bookings per flight) over a session's
 * servers and pool, in the namespace given or {@value FlightStats#NAMESPACE}.
 */
public final class CounterSession extends StreamSession<Counters<Long>> {
  private CounterSession(Session session, Counters<Long> counters, String namespace, int partitions) {
    super(session, counters, namespace, partitions);
  }

  public static CounterSession open(ConnectionOptions options) {
    return open(options, FlightStats.NAMESPACE);
  }

  /** As {@link #open(ConnectionOptions)}, for a command that only looks: the namespace must exist. */
  public static CounterSession openExisting(ConnectionOptions options) {
    return open(options, FlightStats.NAMESPACE, true);
  }

  /** As {@link #open(ConnectionOptions)}, with another namespace when none is given. */
  public static CounterSession open(ConnectionOptions options, String defaultNamespace) {
    return open(options, defaultNamespace, false);
  }

  private static CounterSession open(ConnectionOptions options, String defaultNamespace, boolean existing) {
    return open(options, defaultNamespace, existing, (s, namespace) -> new CounterSession(s,
        counters(s.valkeyUrl(), s.dataSource(), namespace, options.partitions, Duration.ofSeconds(10)), namespace,
        options.partitions));
  }

  /** Counters on {@code valkeyUrl} over a pool of the flights database; a setting or server that cannot be used is a CLI error. */
  public static Counters<Long> counters(String valkeyUrl, javax.sql.DataSource dataSource, String namespace, int partitions,
      Duration commandTimeout) {
    return build(valkeyUrl, () -> FlightStats.builder(valkeyUrl, dataSource).namespace(namespace).partitions(partitions)
        .commandTimeout(commandTimeout).ttl(Duration.ofHours(1)).build());
  }

  /**
   * Whether a failed increment surely stored nothing (the counters say so for these), so
   * that it can be retried; any other failure leaves it in doubt: it may have been counted.
   */
  public static boolean storedNothing(RuntimeException e) {
    return e instanceof CounterLoadException || e instanceof JournalFullException || e instanceof CounterOverflowException
        || e instanceof SizeLimitException || e instanceof IllegalArgumentException;
  }

  public Counters<Long> counters() {
    return stream();
  }

  @Override
  public String label() {
    return "the counters of ";
  }

  @Override
  public Admin admin() {
    return stream().admin();
  }

  @Override
  public Worker startWorker(WorkerOptions options) {
    return stream().startWorker(options);
  }

  @Override
  public void flush(Duration timeout) {
    stream().flush(timeout);
  }
}
