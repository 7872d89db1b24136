package io.writebehind.engine;

import io.writebehind.sink.Sink;
import io.writebehind.sink.SinkRecord;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
  public volatile long regressions;

  @Override
  public synchronized int apply(List<SinkRecord<String, String>> batch) {
    if (failuresLeft.get() > 0) {
      failuresLeft.decrementAndGet();
      throw new IllegalStateException("database unavailable (test)");
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
