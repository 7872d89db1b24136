package io.writebehind.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.writebehind.testkit.TestServers;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Promises 3 and 5: several workers and several writers on the same keys. Sampled while it
 * runs, no row's version ever goes down; at the end database = cache = newest write.
 */
class HammerIT {
  static Stream<Arguments> combinations() {
    return Stream.of(
        Arguments.of("valkey+postgresql", TestServers.valkeyUrl(), TestServers.postgresJdbcUrl()),
        Arguments.of("redis7+postgresql", TestServers.redisUrl(), TestServers.postgresJdbcUrl()),
        Arguments.of("valkey+mariadb", TestServers.valkeyUrl(), TestServers.mariadbJdbcUrl()),
        Arguments.of("redis7+mariadb", TestServers.redisUrl(), TestServers.mariadbJdbcUrl()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("combinations")
  void databaseNeverGoesBackAndEndsAtTheNewestWrite(String name, String valkeyUrl, String jdbcUrl) throws Exception {
    try (Fixture f = new Fixture(valkeyUrl, jdbcUrl, 8)) {
      AckedWrites acked = new AckedWrites();
      WorkerOptions options = WorkerOptions.builder().leaseTtl(Duration.ofMillis(900)).linger(Duration.ofMillis(2)).batchSize(64).build();
      List<Worker> workers = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        workers.add(f.engine.startWorker(options.mutate().workerId("w" + i).build()));
      }
      AtomicBoolean running = new AtomicBoolean(true);
      ConcurrentLinkedQueue<String> regressions = new ConcurrentLinkedQueue<>();
      Thread sampler = new Thread(() -> {
        Map<Long, Long> highest = new HashMap<>();
        while (running.get()) {
          try {
            f.versions().forEach((k, v) -> {
              Long before = highest.put(k, v);
              if (before != null && v < before) {
                regressions.add("key " + k + " went from " + before + " to " + v);
                highest.put(k, before);
              }
            });
            Thread.sleep(5);
          } catch (Exception e) {
            regressions.add("sampler failed: " + e);
          }
        }
      });
      sampler.start();
      List<Thread> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        Thread t = new Thread(() -> {
          ThreadLocalRandom r = ThreadLocalRandom.current();
          for (int i = 0; i < 1500; i++) {
            long key = r.nextInt(40);
            String value = "v" + r.nextLong();
            if (r.nextInt(20) == 0) {
              long version = f.engine.delete(key);
              acked.acknowledged(key, version, null);
            } else {
              acked.acknowledged(key, f.engine.put(key, value), value);
            }
          }
        });
        writers.add(t);
        t.start();
      }
      // one worker leaves mid-run and comes back: its partitions move while writes go on
      Thread.sleep(300);
      workers.get(0).close();
      workers.set(0, f.engine.startWorker(options.mutate().workerId("w0-again").build()));
      for (Thread t : writers) {
        t.join();
      }
      f.engine.flush(Duration.ofSeconds(60));
      running.set(false);
      sampler.join();
      for (Worker w : workers) {
        w.close();
      }
      assertThat(regressions).isEmpty();
      Map<Long, Long> versions = f.versions();
      Map<Long, String> payloads = f.payloads();
      acked.newest.forEach((key, ack) -> {
        if (ack.value() == null) {
          assertThat(versions).as("deleted key %d", key).doesNotContainKey(key);
          assertThat(f.engine.getIfPresent(key)).isEmpty();
        } else {
          assertThat(versions.get(key)).as("version of key %d", key).isEqualTo(ack.version());
          assertThat(payloads.get(key)).isEqualTo(ack.value());
          assertThat(f.engine.getIfPresent(key)).contains(ack.value());
        }
      });
    }
  }
}
