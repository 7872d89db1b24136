package io.writebehind.bench.systems;

import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.writebehind.Codecs;
import io.writebehind.Counters;
import io.writebehind.bench.Fixture;
import io.writebehind.bench.SystemNames;
import io.writebehind.jdbc.JdbcCounterSink;
import io.writebehind.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Ours, counting: {@code Counters.increment} by one, a worker adding the summed deltas. */
public final class CountersSystem implements BenchSystem {
  private final Fixture fixture;
  private final ClientResources resources = DefaultClientResources.create();
  private final HikariDataSource pool;
  private final String table;
  private final JdbcCounterSink<Long> sink;
  private Counters<Long> counters;
  private Worker worker;

  public CountersSystem(Fixture fixture) throws Exception {
    this.fixture = fixture;
    this.pool = fixture.pool(8, "wbbench-counters");
    this.table = CounterTable.create(fixture, name());
    this.sink = JdbcCounterSink.<Long>builder(pool, table, "id").build();
    phase("init");
  }

  @Override
  public String name() {
    return SystemNames.COUNTERS;
  }

  @Override
  public String table() {
    return table;
  }

  @Override
  public void phase(String phase) {
    stop();
    counters = Counters.builder(Codecs.longKeys()).valkeyUrl(fixture.valkeyUrl).clientResources(resources)
        .namespace(fixture.namespace(name(), phase)).fields("n").sink(sink).build();
    try {
      inParallel((int) CounterTable.KEYS, i -> counters.get((long) i));
    } catch (Exception e) {
      throw new IllegalStateException("warming the counters failed: " + e.getMessage(), e);
    }
  }

  /**
   * Counters are hot keys, cached before they are counted: a key's first touch reads its row
   * (in parallel here), which is not what an increment's figure is about.
   */
  private static void inParallel(int count, java.util.function.IntConsumer task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> parts = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        final int part = t;
        parts.add(pool.submit(() -> {
          for (int i = part; i < count; i += 16) {
            task.accept(i);
          }
        }));
      }
      for (Future<?> f : parts) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private void stop() {
    if (worker != null) {
      worker.close();
      worker = null;
    }
    if (counters != null) {
      counters.admin().purgeNamespace();
      counters.close();
    }
  }

  @Override
  public long key(long i) {
    return i % CounterTable.KEYS;
  }

  @Override
  public void write(long key, long seq) {
    counters.increment(key, "n", 1);
  }

  @Override
  public void warm(long key) {
    counters.get(key);
  }

  @Override
  public void read(long key) {
    counters.get(key);
  }

  @Override
  public boolean missesReadGenericTable() {
    return false;
  }

  /** The window measure polls for overwritten rows' versions; a counter has none. */
  @Override
  public boolean hasWindow() {
    return false;
  }

  @Override
  public boolean drainsGeneric() {
    return true;
  }

  /** One increment per key, in parallel: a key's first increment reads its row, which is not what is timed. */
  @Override
  public void preloadGeneric(long fromKey, int count) throws Exception {
    inParallel(count, i -> counters.increment(fromKey + i, "n", 1));
  }

  @Override
  public void startDrain() {
    if (worker == null) {
      worker = counters.startWorker(WriteBehindSystem.WORKER);
    }
  }

  @Override
  public void awaitDrained(Duration timeout) {
    startDrain();
    counters.flush(timeout);
  }

  /** A fresh worker takes the dead one's partitions when its leases expire, from the database's positions. */
  @Override
  public void recoverAfterKill() {
    startDrain();
    counters.flush(Duration.ofSeconds(120));
  }

  @Override
  public void close() {
    stop();
    pool.close();
    resources.shutdown();
  }
}
