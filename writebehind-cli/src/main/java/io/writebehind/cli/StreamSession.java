package io.writebehind.cli;

import io.lettuce.core.RedisException;
import io.writebehind.admin.Admin;
import io.writebehind.jdbc.SinkSetupException;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The flights' counters or events over a session's servers and pool, in a namespace of their
 * own: what {@code worker --counters} and {@code worker --events} drain, and what loads,
 * chaos runs and demos write to.
 *
 * @param <T> the counters or the events
 */
public abstract class StreamSession<T extends AutoCloseable> implements AutoCloseable {
  private final Session session;
  private final T stream;
  private final String namespace;
  private final int partitions;

  StreamSession(Session session, T stream, String namespace, int partitions) {
    this.session = session;
    this.stream = stream;
    this.namespace = namespace;
    this.partitions = partitions;
  }

  /**
   * Opens the servers and the flights schema (no flights' engine), then the stream in the
   * namespace given on the command line or {@code defaultNamespace}; {@code make} gets the
   * session and the namespace.
   */
  static <S extends StreamSession<?>> S open(ConnectionOptions options, String defaultNamespace,
      BiFunction<Session, String, S> make) {
    return open(options, defaultNamespace, false, make);
  }

  /**
   * As {@link #open(ConnectionOptions, String, BiFunction)}; with {@code existing}, a namespace
   * nothing has written to is an error (most likely a typo), not a new one recorded.
   */
  static <S extends StreamSession<?>> S open(ConnectionOptions options, String defaultNamespace, boolean existing,
      BiFunction<Session, String, S> make) {
    Session s = Session.openWithoutEngine(options);
    String namespace = options.namespaceOr(defaultNamespace);
    if (existing) {
      s.requireNamespace(namespace, options.partitions);
    }
    try {
      return make.apply(s, namespace);
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /** Builds counters or events; a setting or server that cannot be used is a CLI error, not a stack trace. */
  public static <B> B build(String valkeyUrl, Supplier<B> builder) {
    try {
      return builder.get();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw CliException.badInput(Session.firstLine(e.getMessage()));
    } catch (SinkSetupException e) {
      throw new CliException(CliException.FAILED, Session.firstLine(e.getMessage()), e);
    } catch (RedisException e) {
      throw Session.valkeyFailure(e, ServerUrls.redact(valkeyUrl));
    }
  }

  /** What a worker of this stream drains, for its first line: "the counters of". */
  public abstract String label();

  public abstract Admin admin();

  public abstract Worker startWorker(WorkerOptions options);

  public abstract void flush(Duration timeout);

  T stream() {
    return stream;
  }

  public Session session() {
    return session;
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
      stream.close();
    } catch (Exception e) {
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    } finally {
      session.close();
    }
  }
}
