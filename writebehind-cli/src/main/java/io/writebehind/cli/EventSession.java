package io.writebehind.cli;

import io.writebehind.Events;
import io.writebehind.JournalFullException;
import io.writebehind.SizeLimitException;
import io.writebehind.admin.Admin;
import io.writebehind.flights.FlightEvents;
import io.writebehind.flights.FlightReport;
import io.writebehind.jdbc.Dialect;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The flights' position reports ({@link FlightEvents}, table flight_event) over a session's
 * servers and pool, in the namespace given or {@value FlightEvents#NAMESPACE}.
 */
public final class EventSession extends StreamSession<Events<Long, FlightReport>> {
  private EventSession(Session session, Events<Long, FlightReport> events, String namespace, int partitions) {
    super(session, events, namespace, partitions);
  }

  public static EventSession open(ConnectionOptions options) {
    return open(options, FlightEvents.NAMESPACE);
  }

  /** As {@link #open(ConnectionOptions)}, with another namespace when none is given. */
  public static EventSession open(ConnectionOptions options, String defaultNamespace) {
    return open(options, defaultNamespace, (s, namespace) -> new EventSession(s,
        events(s.valkeyUrl(), s.dataSource(), s.dialect(), namespace, options.partitions, Duration.ofSeconds(10)), namespace,
        options.partitions));
  }

  /**
   * Events on {@code valkeyUrl} over a pool of the flights database, keeping each flight's
   * latest report cached; H2 and any setting or server that cannot be used are CLI errors.
   */
  public static Events<Long, FlightReport> events(String valkeyUrl, DataSource dataSource, Dialect dialect, String namespace,
      int partitions, Duration commandTimeout) {
    if (dialect == Dialect.H2) {
      throw CliException.badInput("events need PostgreSQL or MariaDB/MySQL (COPY or multi-row INSERT); the database is H2");
    }
    return build(valkeyUrl, () -> FlightEvents.builder(valkeyUrl, dataSource).namespace(namespace).partitions(partitions)
        .commandTimeout(commandTimeout).ttl(Duration.ofHours(1)).build());
  }

  /**
   * Whether a failed append surely stored nothing, so that it can be retried; any other
   * failure leaves it in doubt: it may be in the journal, and so reach the database.
   */
  public static boolean storedNothing(RuntimeException e) {
    return e instanceof JournalFullException || e instanceof SizeLimitException || e instanceof IllegalArgumentException;
  }

  public Events<Long, FlightReport> events() {
    return stream();
  }

  @Override
  public String label() {
    return "the events of ";
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
