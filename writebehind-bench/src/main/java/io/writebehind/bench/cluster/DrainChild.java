package io.writebehind.bench.cluster;

import com.zaxxer.hikari.HikariDataSource;
import io.writebehind.Codecs;
import io.writebehind.WriteBehind;
import io.writebehind.bench.Payloads;
import io.writebehind.jdbc.DataSources;
import io.writebehind.jdbc.KeyValueTable;
import io.writebehind.sink.Sink;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * One worker process of the cluster drain. It warms its JVM on a namespace of its own (a
 * drain of {@code warmup} writes: the JIT would otherwise bill its compiling to the figure),
 * says READY, starts its worker (the user's defaults, under a known id) when told GO on
 * stdin, and closes it, giving its leases back, on STOP or at the end of stdin.
 *
 * <p>Arguments: valkey URL, JDBC URL of the run's schema, namespace, table, partitions,
 * worker id, warm-up writes.
 */
public final class DrainChild {
  private DrainChild() {}

  public static void main(String[] args) throws Exception {
    String valkeyUrl = args[0];
    String jdbcUrl = args[1];
    String namespace = args[2];
    String table = args[3];
    int partitions = Integer.parseInt(args[4]);
    String workerId = args[5];
    int warmup = Integer.parseInt(args[6]);
    WorkerOptions options = WorkerOptions.builder().workerId(workerId).build();
    try (HikariDataSource pool = DataSources.hikari(jdbcUrl, options.threads() + 2, "wbbench-" + workerId)) {
      Sink<Long, String> sink = KeyValueTable.sink(pool, table);
      warmUp(valkeyUrl, namespace + "-warm-" + workerId, sink, partitions, warmup);
      try (WriteBehind<Long, String> engine = engine(valkeyUrl, namespace, sink, partitions)) {
        System.out.println("READY");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        if (!"GO".equals(line)) {
          return;
        }
        try (Worker w = engine.startWorker(options)) {
          System.out.println("STARTED");
          System.out.flush();
          while ((line = in.readLine()) != null && !line.equals("STOP")) {
            // anything else on stdin is not for us
          }
        }
      }
    }
  }

  static WriteBehind<Long, String> engine(String valkeyUrl, String namespace, Sink<Long, String> sink, int partitions) {
    return WriteBehind.builder(Codecs.longKeysTextValues()).valkeyUrl(valkeyUrl).namespace(namespace)
        .partitions(partitions).sink(sink).build();
  }

  /** A drain of its own, on keys apart from the measured ones, then the namespace removed. */
  private static void warmUp(String valkeyUrl, String namespace, Sink<Long, String> sink, int partitions, int writes)
      throws Exception {
    if (writes <= 0) {
      return;
    }
    try (WriteBehind<Long, String> engine = engine(valkeyUrl, namespace, sink, partitions)) {
      // the children's warm-ups may share keys: the same payload under the version guard
      long base = ClusterDrain.WARMUP_KEY_BASE;
      Semaphore inFlight = new Semaphore(1000);
      List<CompletableFuture<Long>> all = new ArrayList<>(writes);
      for (int i = 0; i < writes; i++) {
        inFlight.acquire();
        long key = base + i;
        all.add(engine.putAsync(key, Payloads.of(key, 1), null).whenComplete((v, e) -> inFlight.release()));
      }
      CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).join();
      try (Worker w = engine.startWorker(WorkerOptions.defaults())) {
        engine.flush(Duration.ofMinutes(5));
      }
      engine.admin().purgeNamespace();
    }
  }
}
