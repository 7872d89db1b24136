package io.writebehind.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.writebehind.testkit.ChildJvm;
import io.writebehind.testkit.TestServers;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Promise 2: no acknowledged write is lost when worker processes are killed with kill -9
 * at the worst moments (a batch read but not committed; committed but not acknowledged)
 * and at random, while writers keep writing.
 */
class WorkerKillIT {
  private static final int PARTITIONS = 4;
  private static final int KEYS = 200;


  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.it.Fixture#databases")
  void killedWorkersLoseNothing(String name, String jdbcUrl, @TempDir Path logs) throws Exception {
    try (Fixture f = new Fixture(TestServers.valkeyUrl(), jdbcUrl, PARTITIONS)) {
      AckedWrites acked = new AckedWrites();
      writeSome(f, acked, 1000);

      for (String point : List.of("before-commit", "after-commit", "before-commit", "after-commit")) {
        try (ChildJvm child = startWorker(f, point, logs.resolve(point + System.nanoTime() + ".log"))) {
          awaitLine(child, "CRASH-POINT " + point, Duration.ofSeconds(60));
          child.kill9();
        }
        writeSome(f, acked, 300);
      }
      Map<Long, Long> afterCrashes = f.versions();
      assertThat(afterCrashes).as("the after-commit crashes committed their batches").isNotEmpty();

      // Random kills while a writer keeps going.
      AtomicBoolean writing = new AtomicBoolean(true);
      Thread writer = new Thread(() -> {
        while (writing.get()) {
          writeSome(f, acked, 50);
        }
      });
      writer.start();
      for (int round = 0; round < 3; round++) {
        try (ChildJvm child = startWorker(f, "none", logs.resolve("random" + round + ".log"))) {
          awaitLine(child, "READY", Duration.ofSeconds(60));
          Thread.sleep(300 + ThreadLocalRandom.current().nextInt(1200));
          child.kill9();
        }
      }
      writing.set(false);
      writer.join();

      try (Worker survivor = f.engine.startWorker(WorkerOptions.builder().leaseTtl(Duration.ofMillis(800)).build())) {
        f.engine.flush(Duration.ofSeconds(60));
      }
      acked.assertAllIn(f);
      assertThat(f.engine.admin().status().journalLength()).isZero();
      assertThat(f.engine.admin().status().pending()).isZero();
    }
  }

  private static void writeSome(Fixture f, AckedWrites acked, int n) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    for (int i = 0; i < n; i++) {
      long key = r.nextInt(KEYS);
      String value = "k" + key + "-" + r.nextLong(1_000_000_000L);
      long version = f.engine.put(key, value);
      acked.acknowledged(key, version, value);
    }
  }

  private static ChildJvm startWorker(Fixture f, String crashPoint, Path log) {
    return ChildJvm.start(CrashableWorkerMain.class,
        List.of(f.valkeyUrl, f.jdbcUrl, f.namespace, f.table, Integer.toString(PARTITIONS), crashPoint), Map.of(), log);
  }

  static void awaitLine(ChildJvm child, String prefix, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (child.output().lines().anyMatch(l -> l.startsWith(prefix))) {
        return;
      }
      if (!child.isAlive()) {
        throw new AssertionError("worker process died before '" + prefix + "':\n" + child.output());
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no '" + prefix + "' within " + timeout + ":\n" + child.output());
  }

  static String read(Path p) throws Exception {
    return Files.readString(p);
  }
}
