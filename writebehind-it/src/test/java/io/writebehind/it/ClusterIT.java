package io.writebehind.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.writebehind.testkit.RedisBinaries;
import io.writebehind.testkit.TestServers;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
    assumeTrue(RedisBinaries.onPath("valkey-server").isPresent() && RedisBinaries.onPath("valkey-cli").isPresent(), "valkey-server and valkey-cli are needed for a cluster");
    List<Process> nodes = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        int port = RedisBinaries.freePort();
        Path nodeDir = Files.createDirectories(dir.resolve("n" + i));
        nodes.add(new ProcessBuilder("valkey-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
            "--cluster-enabled", "yes", "--cluster-config-file", nodeDir.resolve("nodes.conf").toString(),
            "--dir", nodeDir.toString(), "--appendonly", "yes", "--save", "")
            .redirectErrorStream(true).redirectOutput(nodeDir.resolve("log").toFile()).start());
        ports.add(port);
      }
      Thread.sleep(500);
      List<String> create = new ArrayList<>(List.of("valkey-cli", "--cluster", "create"));
      ports.forEach(p -> create.add("127.0.0.1:" + p));
      create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
      Process p = new ProcessBuilder(create).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(out).contains("All 16384 slots covered");
      awaitClusterOk(ports.get(0));

      String url = "redis://127.0.0.1:" + ports.get(0) + "?cluster=true";
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
    } finally {
      for (Process n : nodes) {
        n.destroyForcibly();
      }
    }
  }

  private static void awaitClusterOk(int port) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      Process p = new ProcessBuilder("valkey-cli", "-p", Integer.toString(port), "cluster", "info").start();
      String info = new String(p.getInputStream().readAllBytes());
      p.waitFor();
      if (info.contains("cluster_state:ok")) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("cluster did not reach cluster_state:ok");
  }

}
