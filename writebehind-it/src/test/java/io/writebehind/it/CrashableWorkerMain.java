package io.writebehind.it;

import io.writebehind.WriteBehind;
import io.writebehind.jdbc.DataSources;
import io.writebehind.jdbc.Dialect;
import io.writebehind.jdbc.JdbcSink;
import io.writebehind.jdbc.KeyValueTable;
import io.writebehind.sink.Sink;
import io.writebehind.sink.SinkRecord;
import io.writebehind.worker.WorkerOptions;
import java.time.Duration;
import java.util.List;

/**
 * A worker process for the kill -9 tests. With a crash point it announces the moment on
 * stdout and then stands still there, so the test kills it exactly in that window:
 * {@code before-commit} with a batch read and nothing committed, {@code after-commit} with
 * the batch committed and not yet acknowledged.
 *
 * <p>Args: valkeyUrl jdbcUrl namespace table partitions crashPoint(none|before-commit|after-commit)
 */
public final class CrashableWorkerMain {
  private CrashableWorkerMain() {}

  public static void main(String[] args) throws Exception {
    String valkeyUrl = args[0];
    String jdbcUrl = args[1];
    String namespace = args[2];
    String table = args[3];
    int partitions = Integer.parseInt(args[4]);
    String crashPoint = args[5];
    Dialect dialect = Dialect.fromJdbcUrl(jdbcUrl);
    JdbcSink<Long, String> jdbc = KeyValueTable.sink(DataSources.hikari(jdbcUrl, 2, "child"), dialect, table);
    Sink<Long, String> sink = batch -> {
      if (crashPoint.equals("before-commit")) {
        standStill("before-commit", batch);
      }
      int applied = jdbc.apply(batch);
      if (crashPoint.equals("after-commit")) {
        standStill("after-commit", batch);
      }
      return applied;
    };
    WriteBehind<Long, String> engine = WriteBehind.builder(Fixture.CODEC).valkeyUrl(valkeyUrl)
        .namespace(namespace).partitions(partitions).sink(sink).build();
    engine.startWorker(WorkerOptions.builder().leaseTtl(Duration.ofMillis(800)).linger(Duration.ofMillis(5)).batchSize(200).build());
    System.out.println("READY");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  private static void standStill(String point, List<SinkRecord<Long, String>> batch) throws InterruptedException {
    System.out.println("CRASH-POINT " + point + " " + batch.size());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
