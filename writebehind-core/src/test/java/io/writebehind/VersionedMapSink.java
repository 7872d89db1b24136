package io.writebehind;

import io.writebehind.sink.Sink;
import io.writebehind.sink.SinkRecord;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process system of record for the engine's own tests: a map guarded by version
 * exactly as the JDBC sinks are, that can be told to fail. The JDBC sinks have their own
 * tests against real databases.
 */
public final class VersionedMapSink implements Sink<String, String> {
  public record Row(String value, long version, boolean deleted) {}

  public final Map<String, Row> rows = new ConcurrentHashMap<>();
  public final AtomicInteger batches = new AtomicInteger();
  public final AtomicInteger failuresLeft = new AtomicInteger();
  /** Keys the database refuses, and the SQLSTATE it refuses them with (a trigger, a limit). */
  public final Map<String, String> refused = new ConcurrentHashMap<>();
  public volatile long regressions;
  /** When set, each batch waits here until it opens: a test holds a commit in the middle. */
  public volatile CountDownLatch gate;
  /** A permit for each batch that reached the gate. */
  public final Semaphore atGate = new Semaphore(0);

  @Override
  public synchronized int apply(List<SinkRecord<String, String>> batch) throws InterruptedException, SQLException {
    CountDownLatch g = gate;
    if (g != null) {
      atGate.release();
      if (!g.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("gate never opened (test)");
      }
    }
    if (failuresLeft.get() > 0) {
      failuresLeft.decrementAndGet();
      throw new SQLTransientConnectionException("database unavailable (test)", "08006");
    }
    for (SinkRecord<String, String> r : batch) {
      String state = refused.get(r.key());
      if (state != null) {
        throw new SQLException("refused " + r.key() + " (test)", state);
      }
    }
    batches.incrementAndGet();
    int applied = 0;
    for (SinkRecord<String, String> r : batch) {
      Row cur = rows.get(r.key());
      if (cur == null || cur.version() < r.version()) {
        rows.put(r.key(), new Row(r.value(), r.version(), r.isDelete()));
        applied++;
      }
    }
    return applied;
  }
}
