package io.writebehind.bench.events;

import io.writebehind.bench.systems.BenchSystem;
import java.util.Map;

/**
 * An events system: {@link #write} appends one position report of flight {@code key} and
 * returns once it is acknowledged; {@link #appendBatch} appends many at once; each ingest
 * stores a prepared backlog in the system's table.
 */
interface EventSystem extends BenchSystem {

  @Override
  default long key(long i) {
    return EventTable.flight(i);
  }

  /** Appends {@code size} reports of flights from {@code key} on, returning once all are acknowledged. */
  void appendBatch(long key, long seq, int size) throws Exception;

  /** Whether the system has a batched append (the original has none). */
  default boolean batches() {
    return true;
  }

  /** The ingests to time, by the name of the figure each gives: ours one, the floor one per bare loader. */
  Map<String, Ingest> ingests();

  /** A backlog stored in one timed step: prepared (not timed), then loaded. */
  interface Ingest {
    /** Queues (or builds in memory) reports 0..rows-1, nothing reaching the table yet. */
    void prepare(int rows) throws Exception;

    /** Stores what was prepared; returns once the table holds it all. */
    void load() throws Exception;

    /** After the timing: whatever the load left running (ours: the worker) is stopped. */
    default void finish() throws Exception {}
  }

  /** Reads are not what the events bench measures: the latest report, where the system keeps one. */
  @Override
  default void warm(long key) {}

  @Override
  default void read(long key) {}

  @Override
  default boolean hasWindow() {
    return false;
  }
}
