package io.writebehind.it;

import static io.writebehind.it.WorkerKillIT.awaitLine;
import static org.assertj.core.api.Assertions.assertThat;

import io.writebehind.testkit.ChildJvm;
import io.writebehind.testkit.TestServers;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Counters exactly once under kill -9: writer processes increment until the kills are over, while worker processes
 * are killed before the commit, between the commit and the acknowledgement, and at random;
 * every key's database total ends equal to the sum of its acknowledged deltas.
 */
class CounterWorkerKillIT {
  private static final int PARTITIONS = 4;
  private static final int KEYS = 50;

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.it.Fixture#databases")
  void killedWorkersNeitherLoseNorDoubleADelta(String name, String jdbcUrl, @TempDir Path dir) throws Exception {
    try (CounterFixture f = new CounterFixture(TestServers.valkeyUrl(), jdbcUrl, PARTITIONS)) {
      List<ChildJvm> writers = new ArrayList<>();
      List<Path> ackLogs = new ArrayList<>();
      Path stop = dir.resolve("stop");
      for (int w = 0; w < 2; w++) {
        Path ackLog = dir.resolve("acks-" + w + ".csv");
        ackLogs.add(ackLog);
        writers.add(ChildJvm.start(CounterWriterMain.class, List.of(f.valkeyUrl, f.jdbcUrl, f.namespace, f.table,
            Integer.toString(PARTITIONS), "200000", Integer.toString(KEYS), ackLog.toString(), stop.toString()), Map.of(),
            dir.resolve("writer-" + w + ".log")));
      }
      KillCycle.run(writers, stop, dir, (point, log) -> worker(f, point, log));
      try (Worker survivor = f.counters.startWorker(WorkerOptions.builder().leaseTtl(Duration.ofMillis(800)).build())) {
        f.counters.flush(Duration.ofSeconds(60));
      }
      Map<Long, Long> acked = new HashMap<>();
      long lines = 0;
      for (Path log : ackLogs) {
        for (String line : Files.readAllLines(log)) {
          String[] kv = line.split(",");
          acked.merge(Long.parseLong(kv[0]), Long.parseLong(kv[1]), Long::sum);
          lines++;
        }
      }
      assertThat(lines).as("increments acknowledged while workers were killed").isGreaterThan(500);
      f.acked.putAll(acked);
      f.assertExactlyOnce(Map.of());
    }
  }

  private static ChildJvm worker(CounterFixture f, String crashPoint, Path log) {
    return ChildJvm.start(CrashableCounterWorkerMain.class,
        List.of(f.valkeyUrl, f.jdbcUrl, f.namespace, f.table, Integer.toString(PARTITIONS), crashPoint), Map.of(), log);
  }
}
