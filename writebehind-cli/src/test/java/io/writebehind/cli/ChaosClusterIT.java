package io.writebehind.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.writebehind.cli.local.LocalCluster;
import io.writebehind.testkit.FreshDatabase;
import io.writebehind.testkit.TestServers;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chaos --cluster} at WAIT 1: its own 3+3 cluster, two worker processes, a primary lost
 * by kill -9 and by a manual failover under load; each prints its line with lost=0
 * regressions=0 and the run exits 0. The ack log is checked against the database here too,
 * apart from the command's own check, so a command that counted nothing would not pass.
 */
class ChaosClusterIT {
  @TempDir
  Path dir;

  @Test
  void aPrimaryLostUnderLoadLosesNoWriteAcknowledgedAtWaitOne() throws Exception {
    assumeTrue(LocalCluster.available(), "valkey-server and valkey-cli are needed for a cluster");
    try (FreshDatabase db = FreshDatabase.on(TestServers.postgresJdbcUrl(), "wb_chaos")) {
      Path ackLog = dir.resolve("acks.csv");
      Captured r = Captured.run("chaos", "--cluster", "--durability", "replicas=1", "--duration", "12s", "--workers", "2",
          "--writers", "4", "--keys", "3000", "--rate", "300", "--seed", "42", "--database-url", db.url(),
          "--ack-log", ackLog.toString(), "--log-dir", dir.resolve("logs").toString());
      long total = 0;
      for (String fault : new String[] {"kill-9", "failover"}) {
        long acknowledged = number(r.out(), "durability=replicas=1 fault=" + fault + " acknowledged=(\\d+) lost=0 regressions=0 ");
        assertThat(acknowledged).as("writes acknowledged around the %s", fault).isGreaterThan(300);
        total += acknowledged;
      }
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(java.nio.file.Files.readAllLines(ackLog)).as("ack log lines").hasSize((int) total);
      assertThat(AckLogCheck.assertNoneBehind(ackLog, db.url())).as("flights checked").isGreaterThan(300);
    }
  }

  private static long number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("%s in:%n%s", regex, text).isTrue();
    return Long.parseLong(m.group(1));
  }
}
