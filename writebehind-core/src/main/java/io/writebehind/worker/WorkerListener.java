package io.writebehind.worker;

/**
 * Told, as they happen, of what an operator should hear about: writes moved to the dead
 * letters, and failures the worker retries. Set with {@link WorkerOptions.Builder#listener}.
 * Called on the worker's own threads, after the fact: a listener returns quickly (count,
 * queue, hand over) and an exception it throws is logged and otherwise ignored.
 */
public interface WorkerListener {
  /** Hears nothing: the default. */
  WorkerListener NONE = new WorkerListener() {};

  /**
   * Entries of one key were moved to the dead letters, the database (or the codec) refusing
   * them for good; {@code reason} is its error, one line.
   */
  default void deadLettered(String key, int entries, String reason) {}

  /**
   * A batch, a journal read, an acknowledgement or a lease round failed and is retried with
   * backoff (after repeated batch failures the circuit breaker spaces the retries further);
   * {@code error} is one line.
   */
  default void retrying(String error) {}
}
