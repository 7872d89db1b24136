package io.writebehind.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.writebehind.cli.local.LocalCluster;
import io.writebehind.testkit.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs {@code --systems cluster-drain} small against a local cluster of three primaries and
 * checks the JSON's "clusterDrain" object: a run per process count with its rate and CPU
 * figures, per-key order held, and the leases spread evenly over the processes. Timings are
 * not asserted: they belong to the machine, not to the code.
 */
class BenchClusterDrainQuickIT {
  @Test
  void workersInOneTwoAndFourProcessesDrainTheCluster(@TempDir Path dir) throws Exception {
    assumeTrue(LocalCluster.available(), "valkey-server and valkey-cli are not on PATH");
    Path json = dir.resolve("bench.json");
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    // no failover wanted here: a long node timeout, so a node starved of CPU on a loaded machine stays in
    try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 3, 0, 0, true, 15_000)) {
      System.setOut(new PrintStream(text, true, StandardCharsets.UTF_8));
      int code;
      try {
        code = new CommandLine(new BenchMain()).execute("--quick", "--systems", "cluster-drain",
            "--cluster-drain-writes", "8000", "--json", json.toString(),
            "--valkey-url", cluster.url(), "--database-url", TestServers.postgresJdbcUrl());
      } finally {
        System.setOut(stdout);
      }
      System.out.print(text.toString(StandardCharsets.UTF_8));
      assertThat(code).isZero();
    }

    JsonNode root = new ObjectMapper().readTree(Files.readString(json));
    assertThat(root.get("systems")).as("no common figures for the cluster drain").isEmpty();
    JsonNode drain = root.get("clusterDrain");
    assertThat(drain.get("notes")).as("nothing failed").isEmpty();
    assertThat(drain.get("valkeyPrimaries").asInt()).isEqualTo(3);
    assertThat(drain.get("valkeyNodes").asInt()).isEqualTo(3);
    assertThat(drain.get("partitions").asInt()).isEqualTo(64);
    assertThat(drain.get("writes").asInt()).isEqualTo(8000);
    JsonNode runs = drain.get("runs");
    assertThat(runs).hasSize(3);
    int[] processes = {1, 2, 4};
    for (int i = 0; i < 3; i++) {
      JsonNode run = runs.get(i);
      int k = processes[i];
      assertThat(run.get("processes").asInt()).isEqualTo(k);
      assertThat(run.get("writesPerSec").asDouble()).as(k + " writesPerSec").isPositive();
      assertThat(run.get("ratioToFirst").isNumber()).isTrue();
      // order: every key at its last version, no older version written over a newer one
      assertThat(run.get("keysNotAtLastVersion").asLong(-1)).as(k + " keys behind").isZero();
      assertThat(run.get("versionRegressions").asLong(-1)).as(k + " regressions").isZero();
      assertThat(run.get("rowUpdatesChecked").asLong(-1)).as(k + " updates checked").isNotNegative();
      // leases: each process holds 64 / k partitions
      assertThat(run.get("leasesEven").asBoolean()).as(k + " leases even: " + run.get("leasesPerProcess")).isTrue();
      assertThat(run.get("leasesPerProcess").size()).isEqualTo(k);
      run.get("leasesPerProcess").forEach(n -> assertThat(n.asInt()).isEqualTo(64 / k));
      long flushed = 0;
      for (JsonNode n : run.get("writesFlushedPerProcess")) {
        flushed += n.asLong();
      }
      // at least once: a batch in flight when its partition moved is applied again by the new owner
      assertThat(flushed).as(k + " writes flushed by the processes").isGreaterThanOrEqualTo(8000);
      assertThat(run.get("writesReappliedAfterHandover").asLong()).isEqualTo(flushed - 8000);
      assertThat(run.get("postgresBackendsRead").asInt()).as(k + " backends").isGreaterThanOrEqualTo(k);
      JsonNode cpu = run.get("cpuSecondsPer100kWrites");
      for (String c : List.of("valkey", "postgresBackends", "postgresServer", "workers")) {
        assertThat(cpu.get(c).isNumber()).as(k + " cpu " + c).isTrue();
        assertThat(cpu.get(c).asDouble()).as(k + " cpu " + c).isPositive();
      }
    }
    String out = text.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("Cluster drain: 3 Valkey nodes (3 primaries), 64 partitions,")
        .contains("PASS  per-key order").contains("PASS  leases spread evenly");
    String table = out.substring(out.indexOf("Cluster drain:"));
    table.lines().forEach(l -> assertThat(l.length()).as("80 columns: " + l).isLessThanOrEqualTo(80));
  }
}
