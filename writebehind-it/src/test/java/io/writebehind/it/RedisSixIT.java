package io.writebehind.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.writebehind.internal.journal.Journal;
import io.writebehind.internal.journal.KeyLayout;
import io.writebehind.ValkeyConnection;
import io.writebehind.testkit.RedisBinaries;
import io.writebehind.testkit.TestServers;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The oldest server the engine supports: Redis 6.2 (the binary that embedded-redis ships),
 * which has streams, NOACK reads and exclusive ranges but no functions. Writes, a worker that
 * takes over entries another worker read and never committed, flush and status all run there
 * unchanged.
 */
class RedisSixIT {
  @Test
  void theEngineRunsOnRedis62(@TempDir Path dir) throws Exception {
    Path binary = RedisBinaries.extractEmbedded(Files.createDirectories(dir.resolve("bin")));
    int port = RedisBinaries.freePort();
    Process server = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--appendonly", "yes", "--save", "", "--dir", dir.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
    try {
      String url = "redis://127.0.0.1:" + port;
      awaitPing(binary, port);
      try (Fixture f = new Fixture(url, TestServers.postgresJdbcUrl(), 4)) {
        AckedWrites acked = new AckedWrites();
        for (int i = 0; i < 300; i++) {
          long key = i % 40;
          acked.acknowledged(key, f.engine.put(key, "v" + i), "v" + i);
        }
        f.engine.delete(3L);
        acked.newest.remove(3L);
        try (ValkeyConnection c = ValkeyConnection.open(url, Duration.ofSeconds(5))) {
          // a worker that read a partition's first entries and died before its commit
          Journal journal = new Journal(c, new KeyLayout(f.namespace, 4));
          assertThat(journal.claim(0, null, false).get().uncommitted()).isFalse();
          assertThat(journal.readNew(0, "gone", 20).get()).isNotEmpty();
          assertThat(journal.claim(0, null, false).get().uncommitted()).as("entries read and not committed").isTrue();
        }
        try (Worker w = f.engine.startWorker(WorkerOptions.defaults())) {
          f.engine.flush(Duration.ofSeconds(30));
        }
        assertThat(f.versions()).doesNotContainKey(3L);
        acked.assertAllIn(f);
        assertThat(f.engine.admin().status().journalLength()).isZero();
        assertThat(Files.readString(dir.resolve("redis.log"))).contains("6.2");
      }
    } finally {
      server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static void awaitPing(Path binary, int port) throws Exception {
    for (int i = 0; i < 100; i++) {
      if (io.writebehind.testkit.Resp.ping("127.0.0.1", port, Duration.ofMillis(200))) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("Redis 6.2 from " + binary + " did not answer on " + port + List.of());
  }
}
