package io.writebehind.bench.systems;

/**
 * One system under test, driven the same way as every other. Keys are longs; the generic
 * systems write {@code Payloads.of(key, seq)} into their generic table, the original writes
 * flight {@code key}'s times (its key space is the loaded flights).
 *
 * <p>{@link #phase} starts each measurement on fresh state (namespace, map, queue) so one
 * measurement's leftovers (a long journal, a full queue) cannot slow the next.
 */
public interface BenchSystem extends AutoCloseable {

  String name();

  /** Fresh state for the next measurement; drains of the previous phase are stopped. */
  void phase(String phase) throws Exception;

  /** Maps a measurement's i-th key into this system's key space (flights: existing ids). */
  default long key(long i) {
    return i;
  }

  /** One write, returning once the system acknowledges it. Called from many threads. */
  void write(long key, long seq) throws Exception;

  /** Makes the key a cache hit for {@link #read}. */
  void warm(long key) throws Exception;

  /** One read through the system's read path (cache-aside on a miss). */
  void read(long key) throws Exception;

  /** Whether misses read generic rows that the bench inserts into {@link #table} directly. */
  default boolean missesReadGenericTable() {
    return true;
  }

  /** The generic table this system writes (null for the original). */
  String table();

  // --- draining: preload with the drain stopped or gated, then release and time it ---

  default boolean drainsGeneric() {
    return false;
  }

  default boolean drainsFlights() {
    return false;
  }

  /** Queues writes of these generic keys while nothing reaches the database yet. */
  default void preloadGeneric(long fromKey, int count) throws Exception {
    throw new UnsupportedOperationException();
  }

  /** Queues one time change for each of these (distinct) flights while nothing reaches the database. */
  default void preloadFlights(long[] flightIds) throws Exception {
    throw new UnsupportedOperationException();
  }

  /** Lets the drain run: what was preloaded, and from now on whatever is written. */
  default void startDrain() throws Exception {}

  /**
   * Returns once everything written so far is in the database, by the system's own signal;
   * returns at once if it has none (the bench then counts rows until they are all there).
   */
  default void awaitDrained(java.time.Duration timeout) throws Exception {}

  /** Whether writes reach the database later than they are acknowledged (the floor has no such path). */
  default boolean hasWindow() {
    return true;
  }

  /** SQL head ({@code ... IN}) finding which written keys are committed, for the window probe. */
  default String committedKeysSql() {
    return "SELECT id FROM " + table() + " WHERE id IN";
  }

  /**
   * After the kill test's child died: whatever this system does to finish what the dead
   * process acknowledged (ours: a fresh worker and a flush). Called after {@code phase("kill")}.
   */
  default void recoverAfterKill() throws Exception {}

  @Override
  void close() throws Exception;
}
