package io.writebehind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.writebehind.testkit.ChildJvm;
import io.writebehind.testkit.FreshDatabase;
import io.writebehind.testkit.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker started while its database is down waits, saying for what, and drains once the
 * database comes up; a mistake waiting cannot fix (a malformed URL, a refused login, no such
 * database) still fails at once.
 */
class WorkerStartupIT {
  private static final Pattern HOST_PORT = Pattern.compile("//([^:/?]+):(\\d+)/");

  @Test
  void waitsForADatabaseThatIsDownThenDrains(@TempDir Path dir) throws Exception {
    String ns = "wstart-" + UUID.randomUUID().toString().substring(0, 8);
    try (FreshDatabase db = FreshDatabase.on(TestServers.postgresJdbcUrl(), "wb_wstart")) {
      Path ackLog = dir.resolve("acks.csv");
      assertThat(Main.run("load", "--valkey-url", TestServers.valkeyUrl(), "--database-url", db.url(),
          "--namespace", ns, "--updates", "2000", "--writers", "4", "--keys", "100", "--ack-log", ackLog.toString())).isZero();

      Matcher m = HOST_PORT.matcher(db.url());
      assertThat(m.find()).isTrue();
      int port = PortProxy.freePort();
      String downUrl = m.replaceFirst("//127.0.0.1:" + port + "/");
      Map<String, String> env = new HashMap<>();
      env.put("VALKEY_URL", TestServers.valkeyUrl());
      env.put("DATABASE_URL", downUrl);
      List<String> args = List.of("worker", "--namespace", ns, "--quiet", "--lease-ttl-ms", "1000");
      try (ChildJvm worker = ChildJvm.start(Main.class, args, env, dir.resolve("worker.log"))) {
        awaitOutput(worker, "retrying in");
        assertThat(worker.output()).contains("waiting for the database at jdbc:postgresql://127.0.0.1:" + port);
        Thread.sleep(2_000);
        assertThat(worker.isAlive()).as(worker.output()).isTrue();
        assertThat(worker.output()).doesNotContain("READY");

        try (PortProxy up = PortProxy.open(port, m.group(1), Integer.parseInt(m.group(2)))) {
          awaitOutput(worker, "READY");
          long deadline = System.currentTimeMillis() + 120_000;
          while (journalLength(ns, db.url()) > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(300);
          }
          assertThat(journalLength(ns, db.url())).as("drained once the database came up").isZero();
          worker.sigterm();
          assertThat(worker.waitFor(Duration.ofSeconds(30))).as(worker.output()).isZero();
        }
      }
      AckLogCheck.assertDatabaseMatches(ackLog, db.url());
    } finally {
      TestNamespaces.purge(TestServers.valkeyUrl(), ns);
    }
  }

  @Test
  void mistakesFailAtOnce(@TempDir Path dir) throws Exception {
    String ns = "wstart-" + UUID.randomUUID().toString().substring(0, 8);
    String mariadb = TestServers.mariadbJdbcUrl();
    String wrongUser = mariadb.replaceFirst("user=[^&]*", "user=wb_no_such_user") + "&password=wrong";
    String noSuchDatabase = TestServers.postgresJdbcUrl().replaceFirst("(//[^/]+/)[^?]*", "$1wb_no_such_database");
    Object[][] cases = {
        {"jdbc:postgresql//no-slashes", CliException.BAD_INPUT},
        {wrongUser, CliException.UNREACHABLE},
        {noSuchDatabase, CliException.UNREACHABLE},
    };
    for (Object[] c : cases) {
      Map<String, String> env = Map.of("VALKEY_URL", TestServers.valkeyUrl(), "DATABASE_URL", (String) c[0]);
      try (ChildJvm worker = ChildJvm.start(Main.class, List.of("worker", "--namespace", ns, "--quiet"), env,
          dir.resolve("bad.log"))) {
        assertThat(worker.waitFor(Duration.ofSeconds(60))).as(worker.output()).isEqualTo(c[1]);
        assertThat(worker.output()).doesNotContain("waiting for", "retrying in", "wrong").contains("writebehind: ");
        assertThat(worker.output().strip().lines().filter(l -> l.startsWith("writebehind: "))).hasSize(1);
      }
    }
  }

  private static long journalLength(String ns, String databaseUrl) throws Exception {
    Captured r = Captured.run("status", "--json", "--namespace", ns, "--valkey-url", TestServers.valkeyUrl(),
        "--database-url", databaseUrl);
    return new ObjectMapper().readTree(r.out()).get("journalLength").asLong();
  }

  static void awaitOutput(ChildJvm child, String text) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      if (child.output().contains(text)) {
        return;
      }
      if (!child.isAlive()) {
        throw new AssertionError("worker exited early:\n" + child.output());
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no " + text + ":\n" + child.output());
  }
}
