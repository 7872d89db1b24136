package io.writebehind.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.writebehind.cli.local.LocalCluster;
import io.writebehind.testkit.ChildJvm;
import io.writebehind.testkit.FreshDatabase;
import io.writebehind.testkit.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line contract on a cluster: the commands an operator runs take a
 * {@code ?cluster=true} URL and behave as on one server (worker processes on a cluster are
 * {@code ChaosClusterIT}'s).
 */
class ClusterCommandsIT {
  @TempDir
  Path dir;

  @Test
  void theOperatorsCommandsRunOnACluster() throws Exception {
    assumeTrue(LocalCluster.available(), "valkey-server and valkey-cli are needed for a cluster");
    try (LocalCluster cluster = LocalCluster.start(dir, 3, 0, 0, false);
        FreshDatabase db = FreshDatabase.on(TestServers.postgresJdbcUrl(), "wb_cluster_cmds")) {
      String url = cluster.url();
      assertThat(url).contains("cluster=true");
      // A process of its own, as a user runs it: closing the cluster client as the command
      // exits must print no stack trace.
      try (ChildJvm load = ChildJvm.start(Main.class, List.of("load", "--updates", "200", "--keys", "100", "--writers", "2",
          "--valkey-url", url, "--database-url", db.url()), Map.of(), dir.resolve("load.log"))) {
        assertThat(load.waitFor(Duration.ofMinutes(2))).as(load.output()).isZero();
        assertThat(load.output()).contains("200 acknowledged, 0 failed").doesNotContain("Exception").doesNotContain("\tat ");
      }
      assertThat(ok("status", "--valkey-url", url).out()).contains("namespace flight: 200 unflushed");
      assertThat(ok("status", "--json", "--valkey-url", url).out()).contains("\"journalLength\" : 200");
      ok("dlq", "list", "--valkey-url", url);

      ok("load", "--workload", "views", "--updates", "300", "--keys", "50", "--writers", "2", "--valkey-url", url,
          "--database-url", db.url());
      assertThat(ok("status", "--namespace", "flight_stats", "--valkey-url", url).out()).contains("300 unflushed");
      // Each cached counter equals the database's total plus its pending deltas, across three primaries.
      ok("check", "--valkey-url", url, "--database-url", db.url());

      ok("load", "--workload", "events", "--updates", "200", "--keys", "50", "--writers", "2", "--valkey-url", url,
          "--database-url", db.url());
      assertThat(ok("status", "--namespace", "flight_event", "--valkey-url", url).out()).contains("200 unflushed");
    }
  }

  private static Captured ok(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    Captured r = Captured.run(all.toArray(String[]::new));
    assertThat(r.exitCode()).as("%s%n%s%n%s", String.join(" ", args), r.out(), r.err()).isZero();
    return r;
  }
}
