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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Events exactly once under kill -9: producer processes append until the kills are over,
 * while worker processes are killed before the commit, between the commit and the
 * acknowledgement, and at random; the database ends with one row per acknowledged event,
 * carrying the id append returned, and nothing else.
 */
class EventWorkerKillIT {
  private static final int PARTITIONS = 4;

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.it.Fixture#databases")
  void killedWorkersNeitherLoseNorDoubleAnEvent(String name, String jdbcUrl, @TempDir Path dir) throws Exception {
    try (EventFixture f = new EventFixture(TestServers.valkeyUrl(), jdbcUrl, PARTITIONS)) {
      List<ChildJvm> producers = new ArrayList<>();
      List<Path> ackLogs = new ArrayList<>();
      Path stop = dir.resolve("stop");
      for (int w = 0; w < 2; w++) {
        Path ackLog = dir.resolve("acks-" + w + ".csv");
        ackLogs.add(ackLog);
        producers.add(ChildJvm.start(EventWriterMain.class, List.of(f.valkeyUrl, f.namespace, Integer.toString(PARTITIONS),
            "100000", "50", ackLog.toString(), stop.toString()), Map.of(), dir.resolve("producer-" + w + ".log")));
      }
      KillCycle.run(producers, stop, dir, (point, log) -> worker(f, point, log));
      try (Worker survivor = f.events.startWorker(WorkerOptions.builder().leaseTtl(Duration.ofMillis(800)).build())) {
        f.events.flush(Duration.ofSeconds(60));
      }
      for (Path log : ackLogs) {
        for (String line : Files.readAllLines(log)) {
          String[] kv = line.split(",");
          assertThat(f.acked.put(Long.parseLong(kv[0]), Long.parseLong(kv[1]))).as("id %s given twice", kv[0]).isNull();
        }
      }
      assertThat(f.acked).as("events acknowledged while workers were killed").hasSizeGreaterThan(1000);
      f.assertExactlyOnce(0);
    }
  }

  private static ChildJvm worker(EventFixture f, String crashPoint, Path log) {
    return ChildJvm.start(CrashableEventWorkerMain.class,
        List.of(f.valkeyUrl, f.jdbcUrl, f.namespace, f.table, Integer.toString(PARTITIONS), crashPoint), Map.of(), log);
  }
}
