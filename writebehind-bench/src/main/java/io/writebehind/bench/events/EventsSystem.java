package io.writebehind.bench.events;

import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.writebehind.Events;
import io.writebehind.bench.Fixture;
import io.writebehind.bench.SystemNames;
import io.writebehind.jdbc.JdbcEventSink;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ours: {@code Events.append} and {@code appendAll} of position reports (the latest kept per
 * flight), and a worker with the default options copying a backlog into the table.
 */
final class EventsSystem implements EventSystem {
  /** Events per appendAll while a backlog is prepared: the preparing is not timed. */
  private static final int PRELOAD_CHUNK = 1000;

  private final Fixture fixture;
  private final ClientResources resources = DefaultClientResources.create();
  private final HikariDataSource pool;
  private final String table;
  private final JdbcEventSink<Long, Report> sink;
  private final WorkerOptions worker;
  private Events<Long, Report> events;

  /**
   * Events have nothing to coalesce and each batch pays a commit (a WAL flush): the README
   * advises workers of events batches of this size, and the bench runs them so.
   */
  static final int BATCH = 20_000;

  EventsSystem(Fixture fixture) throws Exception {
    this(fixture, WorkerOptions.builder().batchSize(BATCH).build());
  }

  EventsSystem(Fixture fixture, WorkerOptions worker) throws Exception {
    this.fixture = fixture;
    this.worker = worker;
    this.pool = fixture.pool(worker.threads() + 2, "wbbench-events");
    this.table = EventTable.create(fixture, name());
    this.sink = EventTable.sink(pool, table);
    phase("init");
  }

  @Override
  public String name() {
    return SystemNames.EVENTS;
  }

  @Override
  public String table() {
    return table;
  }

  @Override
  public void phase(String phase) {
    stop();
    events = Events.builder(Report.CODEC).valkeyUrl(fixture.valkeyUrl).clientResources(resources)
        .namespace(fixture.namespace(name(), phase)).sink(sink).build();
  }

  private void stop() {
    if (events != null) {
      events.admin().purgeNamespace();
      events.close();
      events = null;
    }
  }

  @Override
  public void write(long key, long seq) {
    events.append(key, Report.of(key, seq));
  }

  @Override
  public void appendBatch(long key, long seq, int size) {
    events.appendAll(batch(key, seq, size));
  }

  private static List<Map.Entry<Long, Report>> batch(long key, long seq, int size) {
    List<Map.Entry<Long, Report>> batch = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      long flight = EventTable.flight(key + i);
      batch.add(new AbstractMap.SimpleEntry<>(flight, Report.of(flight, seq)));
    }
    return batch;
  }

  @Override
  public Map<String, Ingest> ingests() {
    return Map.of(EventFigures.INGEST, new Ingest() {
      @Override
      public void prepare(int rows) {
        for (int from = 0; from < rows; from += PRELOAD_CHUNK) {
          int n = Math.min(PRELOAD_CHUNK, rows - from);
          List<Map.Entry<Long, Report>> batch = new ArrayList<>(n);
          for (int i = from; i < from + n; i++) {
            long flight = EventTable.flight(i);
            batch.add(new AbstractMap.SimpleEntry<>(flight, Report.of(flight, i)));
          }
          events.appendAll(batch);
        }
      }

      private Worker running;

      /** A worker started on the backlog; flush returns once every event is committed and acknowledged. */
      @Override
      public void load() {
        running = events.startWorker(worker);
        events.flush(Duration.ofMinutes(10));
      }

      @Override
      public void finish() {
        if (running != null) {
          running.close();
          running = null;
        }
      }
    });
  }

  @Override
  public void close() {
    stop();
    pool.close();
    resources.shutdown();
  }
}
