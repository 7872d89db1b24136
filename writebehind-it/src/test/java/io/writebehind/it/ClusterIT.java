package io.writebehind.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.writebehind.cli.local.LocalCluster;
import io.writebehind.testkit.TestServers;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Promise 9: the key layout works unchanged on a Valkey Cluster, values and counters alike. Three masters on this
 * machine; the partitions spread over their slots; writes, the worker and the flush go
 * through Lettuce's cluster client.
 */
class ClusterIT {
  @Test
  void theEngineRunsOnAThreeNodeCluster(@TempDir Path dir) throws Exception {
    assumeTrue(LocalCluster.available(), "valkey-server and valkey-cli are needed for a cluster");
    try (LocalCluster cluster = LocalCluster.start(dir, 3, 0, 0, true)) {
      String url = cluster.url();
      try (Fixture f = new Fixture(url, TestServers.postgresJdbcUrl(), 16)) {
        AckedWrites acked = new AckedWrites();
        for (int i = 0; i < 600; i++) {
          long key = i % 150;
          String value = "v" + i;
          acked.acknowledged(key, f.engine.put(key, value), value);
        }
        try (Worker w = f.engine.startWorker(WorkerOptions.builder().leaseTtl(Duration.ofSeconds(2)).build())) {
          f.engine.flush(Duration.ofSeconds(60));
          assertThat(w.partitions()).hasSize(16);
        }
        acked.assertAllIn(f);
        assertThat(f.engine.admin().status().journalLength()).isZero();
      }
      // Counters and a leaderboard on the same cluster: every script stays in one slot.
      try (CounterFixture c = new CounterFixture(url, TestServers.postgresJdbcUrl(), 16)) {
        for (int i = 0; i < 600; i++) {
          c.view(i % 150, 1 + i % 3);
          c.counters.incrementScore("most-viewed", (long) (i % 20), 1);
        }
        try (Worker w = c.counters.startWorker(WorkerOptions.builder().leaseTtl(Duration.ofSeconds(2)).build())) {
          c.counters.flush(Duration.ofSeconds(60));
        }
        c.assertExactlyOnce(java.util.Map.of());
        assertThat(c.scores("most-viewed").values()).containsOnly(30L);
        assertThat(c.counters.top("most-viewed", 3)).hasSize(3);
        assertThat(c.counters.check()).isEmpty();
      }
    }
  }
}
