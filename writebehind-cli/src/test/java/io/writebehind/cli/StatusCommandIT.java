package io.writebehind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.writebehind.cli.local.LocalServers;
import io.writebehind.testkit.ChildJvm;
import io.writebehind.testkit.FreshDatabase;
import io.writebehind.testkit.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * status for people and for monitoring, and a clear error for a namespace nobody uses;
 * status and dlq read Valkey only, so a database that is down, or new, changes nothing.
 */
class StatusCommandIT {
  /** Nothing listens on port 1: a command that tried this database would fail. */
  private static final String DEAD_DATABASE = "jdbc:postgresql://127.0.0.1:1/nothing?user=postgres";

  @Test
  void showsTheQueueAndChecksThresholds() throws Exception {
    String ns = "st-" + UUID.randomUUID().toString().substring(0, 8);
    try (FreshDatabase db = FreshDatabase.on(TestServers.postgresJdbcUrl(), "wb_status")) {
      String[] urls = {"--valkey-url", TestServers.valkeyUrl(), "--database-url", db.url(), "--namespace", ns};
      Captured unknown = Captured.run(concat(new String[] {"status"}, urls));
      assertThat(unknown.exitCode()).isEqualTo(CliException.BAD_INPUT);
      assertThat(unknown.err().strip()).startsWith("writebehind: unknown namespace '" + ns + "'").doesNotContain("\n");

      assertThat(Captured.run(concat(new String[] {"load", "--updates", "50", "--keys", "200", "--writers", "2"}, urls)).exitCode()).isZero();
      Captured text = Captured.run(concat(new String[] {"status"}, urls));
      assertThat(text.exitCode()).isZero();
      assertThat(text.out()).contains("namespace " + ns + ": 50 unflushed").contains("no workers");
      Captured json = Captured.run(concat(new String[] {"status", "--json"}, urls));
      assertThat(json.out()).contains("\"journalLength\" : 50").contains("\"partitions\" : [");
      Thread.sleep(50);
      Captured check = Captured.run(concat(new String[] {"status", "--check", "--max-window-ms", "1"}, urls));
      assertThat(check.exitCode()).isEqualTo(1);
      assertThat(check.err()).contains("CHECK FAILED").contains("oldest unflushed write");
      // A monitor reading --json sees the failed check there too, not only in the exit code.
      Captured jsonCheck = Captured.run(concat(new String[] {"status", "--json", "--check", "--max-window-ms", "1"}, urls));
      assertThat(jsonCheck.exitCode()).isEqualTo(1);
      assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(jsonCheck.out()).at("/check/ok").asBoolean(true))
          .isFalse();
      assertThat(jsonCheck.out()).contains("oldest unflushed write");
    } finally {
      TestNamespaces.purge(TestServers.valkeyUrl(), ns);
    }
  }

  @Test
  void statusAndDlqNeverTouchTheDatabase() throws Exception {
    String ns = "st-" + UUID.randomUUID().toString().substring(0, 8);
    try (FreshDatabase db = FreshDatabase.on(TestServers.postgresJdbcUrl(), "wb_status_db");
        FreshDatabase untouched = FreshDatabase.on(TestServers.postgresJdbcUrl(), "wb_status_new")) {
      assertThat(Captured.run("load", "--updates", "20", "--keys", "50", "--writers", "1", "--valkey-url", TestServers.valkeyUrl(),
          "--database-url", db.url(), "--namespace", ns).exitCode()).isZero();

      long t0 = System.nanoTime();
      Captured status = Captured.run("status", "--valkey-url", TestServers.valkeyUrl(), "--database-url", DEAD_DATABASE, "--namespace", ns);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertThat(status.exitCode()).as(status.err()).isZero();
      assertThat(status.out()).contains("namespace " + ns + ": 20 unflushed");
      assertThat(ms).as("no pool, no migration, no timeout").isLessThan(5_000);
      Captured dlq = Captured.run("dlq", "list", "--valkey-url", TestServers.valkeyUrl(), "--database-url", DEAD_DATABASE, "--namespace", ns);
      assertThat(dlq.exitCode()).as(dlq.err()).isZero();
      assertThat(dlq.out()).contains("no dead letters");

      String[] onNew = {"--valkey-url", TestServers.valkeyUrl(), "--database-url", untouched.url()};
      assertThat(Captured.run(concat(new String[] {"status", "--namespace", ns}, onNew)).exitCode()).isZero();
      assertThat(Captured.run(concat(new String[] {"status", "--namespace", ns + "-unknown"}, onNew)).exitCode())
          .isEqualTo(CliException.BAD_INPUT);
      assertThat(Captured.run(concat(new String[] {"dlq", "list", "--namespace", ns}, onNew)).exitCode()).isZero();
      assertThat(tables(untouched.url())).as("a new database gets no flights schema from status or dlq").isZero();
    } finally {
      TestNamespaces.purge(TestServers.valkeyUrl(), ns);
    }
  }

  @Test
  void jsonFailuresAreJsonOnStdout() throws Exception {
    ObjectMapper json = new ObjectMapper();
    Captured down = Captured.run("status", "--json", "--valkey-url", "redis://127.0.0.1:1", "--database-url", DEAD_DATABASE,
        "--namespace", "cli-test-none");
    assertThat(down.exitCode()).isEqualTo(CliException.UNREACHABLE);
    JsonNode error = json.readTree(down.out());
    assertThat(error).as("stdout: %s", down.out()).isNotNull();
    assertThat(error.get("error").asText()).startsWith("cannot reach Valkey at redis://127.0.0.1:1");
    assertThat(error.get("exitCode").asInt()).isEqualTo(CliException.UNREACHABLE);
    assertThat(down.err().strip().lines()).as("one line on stderr").hasSize(1);

    Captured unknown = Captured.run("dlq", "list", "--json", "--valkey-url", TestServers.valkeyUrl(), "--database-url", DEAD_DATABASE,
        "--namespace", "cli-test-none-" + UUID.randomUUID().toString().substring(0, 8));
    assertThat(unknown.exitCode()).isEqualTo(CliException.BAD_INPUT);
    assertThat(json.readTree(unknown.out()).get("error").asText()).startsWith("unknown namespace");

    Captured badOption = Captured.run("status", "--json", "--max-window-ms", "-1", "--valkey-url", TestServers.valkeyUrl(),
        "--database-url", DEAD_DATABASE);
    assertThat(badOption.exitCode()).isEqualTo(CliException.BAD_INPUT);
    assertThat(json.readTree(badOption.out()).get("error").asText()).startsWith("--max-window-ms must be zero or more");
  }

  /** Checked before the local servers would start: nothing appears under WRITEBEHIND_HOME. */
  @Test
  void badValkeyUrlsAreRefusedBeforeAnyLocalServerStarts(@TempDir Path dir) throws Exception {
    Path home = dir.resolve("home");
    Map<String, String> env = Map.of("WRITEBEHIND_HOME", home.toString(), "VALKEY_URL", "", "DATABASE_URL", "");
    List<List<String>> runs = List.of(
        List.of("status", "--valkey-url", "foo"),
        List.of("status", "--valkey-url", ""),
        List.of("dlq", "list", "--valkey-url", " "));
    try {
      int i = 0;
      for (List<String> args : runs) {
        try (ChildJvm cli = ChildJvm.start(Main.class, args, env, dir.resolve("run" + i++ + ".log"))) {
          assertThat(cli.waitFor(Duration.ofSeconds(120))).as(args + ": " + cli.output()).isEqualTo(CliException.BAD_INPUT);
          assertThat(cli.output().strip().lines()).as(args.toString()).hasSize(1);
          assertThat(cli.output()).as(args.toString()).startsWith("writebehind: --valkey-url ");
          assertThat(Files.exists(home)).as(args + ": no local server started").isFalse();
        }
      }
    } finally {
      LocalServers.stop(home);
    }
  }

  /** The server's NOPERM, not "cannot reach": the URL is right, the user lacks rights. */
  @Test
  void anAclUserWithoutRightsIsToldNoperm() throws Exception {
    try (AclUser user = AclUser.create(TestServers.valkeyUrl(), "cli-test-nothing:*")) {
      Captured r = Captured.run("status", "--valkey-url", user.url(), "--database-url", DEAD_DATABASE, "--namespace", "cli-test-acl");
      assertThat(r.exitCode()).isEqualTo(CliException.UNREACHABLE);
      assertThat(r.err().strip().lines()).as("one line").hasSize(1);
      assertThat(r.err()).contains("refused: NOPERM").doesNotContain("cannot reach").doesNotContain(user.password());
    }
  }

  private static int tables(String jdbcUrl) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
