package io.writebehind.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.writebehind.Durability;
import io.writebehind.DurabilityException;
import io.writebehind.WriteBehind;
import io.writebehind.testkit.ManagedValkey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes that wait for a replica share WAITs (group commit): many writers send far fewer
 * WAITs than writes, and when the replica stalls every one of them hears so within about
 * twice the timeout, none hangs behind a shared WAIT.
 */
class GroupCommitIT {
  private static final int THREADS = 32;
  private static final int WRITES_PER_THREAD = 200;

  @TempDir
  Path dir;

  @Test
  void concurrentWritersShareWaits() throws Exception {
    try (ManagedValkey primary = ManagedValkey.start(dir.resolve("p"), true, "everysec");
        ManagedValkey replica = ManagedValkey.start(dir.resolve("r"), true, "everysec");
        RedisClient client = RedisClient.create(primary.url());
        StatefulRedisConnection<String, String> admin = client.connect()) {
      follow(replica, primary);
      try (WriteBehind<Long, String> engine = WriteBehind.builder(Fixture.CODEC).valkeyUrl(primary.url()).namespace("it-gc")
          .durability(Durability.replicas(1, Duration.ofSeconds(2))).build()) {
        admin.sync().configResetstat();
        int written = writeConcurrently(engine).ok();
        assertThat(written).isEqualTo(THREADS * WRITES_PER_THREAD);
        long waits = calls(admin.sync().info("commandstats"), "wait");
        // One WAIT per write would be 6,400; shared, they stay near one per replication round trip.
        assertThat(waits).isPositive().isLessThan(written / 4);
      }
    }
  }

  @Test
  void aStalledReplicaFailsEveryWaitingWriterInTime() throws Exception {
    try (ManagedValkey primary = ManagedValkey.start(dir.resolve("p"), true, "everysec");
        ManagedValkey replica = ManagedValkey.start(dir.resolve("r"), true, "everysec")) {
      follow(replica, primary);
      try (WriteBehind<Long, String> engine = WriteBehind.builder(Fixture.CODEC).valkeyUrl(primary.url()).namespace("it-gc")
          .durability(Durability.replicas(1, Duration.ofMillis(300))).build()) {
        signal("STOP", replica.pid());
        try {
          List<CompletableFuture<Long>> writes = new ArrayList<>();
          long start = System.nanoTime();
          for (long k = 0; k < 500; k++) {
            writes.add(engine.putAsync(k, "v" + k));
          }
          int durabilityFailures = 0;
          for (CompletableFuture<Long> w : writes) {
            try {
              w.get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
              if (e.getCause() instanceof DurabilityException) {
                durabilityFailures++;
              }
            }
          }
          assertThat(durabilityFailures).isEqualTo(writes.size());
          // Each write waits for at most two WAITs of 300 ms, whatever the number of writers.
          assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        } finally {
          signal("CONT", replica.pid());
        }
      }
    }
  }

  private record Tally(int ok, int failed) {}

  private static Tally writeConcurrently(WriteBehind<Long, String> engine) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        long base = t * 1_000_000L;
        done.add(pool.submit(() -> {
          for (int i = 0; i < WRITES_PER_THREAD; i++) {
            try {
              engine.put(base + i, "v" + i);
              ok.incrementAndGet();
            } catch (RuntimeException e) {
              failed.incrementAndGet();
            }
          }
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    return new Tally(ok.get(), failed.get());
  }

  /** Makes {@code replica} a replica of {@code primary} and waits until the primary counts it. */
  private static void follow(ManagedValkey replica, ManagedValkey primary) throws Exception {
    try (RedisClient client = RedisClient.create(replica.url());
        StatefulRedisConnection<String, String> c = client.connect();
        RedisClient pc = RedisClient.create(primary.url());
        StatefulRedisConnection<String, String> p = pc.connect()) {
      c.sync().replicaof("127.0.0.1", primary.port());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!p.sync().info("replication").contains("state=online")) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the replica did not come online: " + p.sync().info("replication"));
        }
        Thread.sleep(50);
      }
    }
  }

  private static long calls(String commandstats, String command) {
    Matcher m = Pattern.compile("cmdstat_" + command + ":calls=(\\d+)").matcher(commandstats);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  private static void signal(String signal, long pid) throws Exception {
    Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
    assertThat(p.waitFor()).isZero();
  }
}
