package io.writebehind.cli.demo;

import io.writebehind.flights.Flight;
import io.writebehind.sink.Sink;
import io.writebehind.sink.SinkRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The flights sink with a stopwatch: the verbose demo shows how long the worker's database
 * transaction took, which only the process running the worker can know.
 */
final class TimingSink implements Sink<Long, Flight> {
  /** One applied batch: records handed over, records that changed the database, time taken. */
  record Batch(int records, int applied, long nanos) {}

  private final Sink<Long, Flight> delegate;
  private final List<Batch> batches = new ArrayList<>();

  TimingSink(Sink<Long, Flight> delegate) {
    this.delegate = delegate;
  }

  @Override
  public int apply(List<SinkRecord<Long, Flight>> batch) throws Exception {
    long t0 = System.nanoTime();
    int applied = delegate.apply(batch);
    synchronized (this) {
      batches.add(new Batch(batch.size(), applied, System.nanoTime() - t0));
    }
    return applied;
  }

  /** The batches applied since the last call, oldest first. */
  synchronized List<Batch> drainBatches() {
    List<Batch> out = new ArrayList<>(batches);
    batches.clear();
    return out;
  }
}
