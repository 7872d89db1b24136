package io.writebehind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.writebehind.testkit.ChildJvm;
import io.writebehind.testkit.FreshDatabase;
import io.writebehind.testkit.TestServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chaos} interrupted with Ctrl-C leaves nothing behind (no worker process, no key of
 * its namespace), and its worker processes never carry the Valkey password in their
 * arguments, where {@code ps} shows it to every user of the machine.
 */
class ChaosInterruptIT {
  @Test
  void ctrlCCleansUpAndWorkersNeverSeeThePassword(@TempDir Path dir) throws Exception {
    String ns = "cli-test-chaos-" + UUID.randomUUID().toString().substring(0, 8);
    try (FreshDatabase db = FreshDatabase.on(TestServers.postgresJdbcUrl(), "wb_chaos_int");
        AclUser user = AclUser.create(TestServers.valkeyUrl(), ns + "*")) {
      Map<String, String> env = Map.of("VALKEY_URL", user.url(), "DATABASE_URL", db.url());
      List<String> args = List.of("chaos", "--duration", "300s", "--workers", "1", "--writers", "1", "--keys", "20",
          "--rate", "50", "--kill-every", "0", "--cut-every", "0", "--namespace", ns, "--log-dir", dir.resolve("logs").toString());
      ChildJvm chaos = ChildJvm.start(Main.class, args, env, dir.resolve("chaos.log"));
      try {
        awaitOutput(chaos, "acknowledged ");
        List<ProcessHandle> workers = ProcessHandle.of(chaos.pid()).orElseThrow().descendants().toList();
        assertThat(workers).as("worker processes").isNotEmpty();
        for (ProcessHandle w : workers) {
          String cmdline = Files.readString(Path.of("/proc/" + w.pid() + "/cmdline"), StandardCharsets.UTF_8).replace('\0', ' ');
          assertThat(cmdline).contains("io.writebehind.cli.Main worker").doesNotContain(user.password());
        }
        assertThat(keys(ns)).as("the run writes").isNotEmpty();

        // SIGTERM runs the same shutdown hook as Ctrl-C; SIGINT itself is ignored by every
        // process of a build that a non-interactive shell started in the background
        new ProcessBuilder("kill", "-TERM", Long.toString(chaos.pid())).inheritIO().start().waitFor();
        chaos.waitFor(Duration.ofSeconds(90));
        for (ProcessHandle w : workers) {
          w.onExit().get(30, TimeUnit.SECONDS);
        }
        // A purge may keep a short-lived marker on purpose (<ns>#purged, for workers that see
        // their journals vanish); anything else left is the run's.
        assertThat(keys(ns)).as("keys of %s left after Ctrl-C:%n%s", ns, chaos.output())
            .allMatch(k -> k.equals(ns + "#purged"));
      } finally {
        // a failed run must not leave worker processes draining on their own
        ProcessHandle.of(chaos.pid()).ifPresent(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
        chaos.close();
      }
    } finally {
      TestNamespaces.purge(TestServers.valkeyUrl(), ns);
    }
  }

  private static List<String> keys(String ns) {
    RedisClient client = RedisClient.create(TestServers.valkeyUrl());
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      return ScanIterator.scan(c.sync(), ScanArgs.Builder.matches(ns + "*").limit(1000)).stream().toList();
    } finally {
      client.shutdown();
    }
  }

  private static void awaitOutput(ChildJvm child, String text) throws Exception {
    long deadline = System.currentTimeMillis() + 180_000;
    while (System.currentTimeMillis() < deadline) {
      if (child.output().contains(text)) {
        return;
      }
      if (!child.isAlive()) {
        throw new AssertionError("chaos exited early:\n" + child.output());
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no '" + text + "' in:\n" + child.output());
  }
}
