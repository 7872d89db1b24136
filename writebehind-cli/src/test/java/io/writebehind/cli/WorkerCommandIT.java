package io.writebehind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.writebehind.testkit.ChildJvm;
import io.writebehind.testkit.FreshDatabase;
import io.writebehind.testkit.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone worker: SIGTERM in the middle of a drain finishes the batch in hand and
 * exits 0; a second worker drains the rest; every acknowledged write of `load` is in the
 * database.
 */
class WorkerCommandIT {
  @Test
  void sigtermDrainsAndExitsZeroAndNothingIsLost(@TempDir Path dir) throws Exception {
    String ns = "wcmd-" + UUID.randomUUID().toString().substring(0, 8);
    try (FreshDatabase db = FreshDatabase.on(TestServers.postgresJdbcUrl(), "wb_wcmd")) {
      run(ns, db.url(), dir);
    } finally {
      TestNamespaces.purge(TestServers.valkeyUrl(), ns);
    }
  }

  private void run(String ns, String databaseUrl, Path dir) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("VALKEY_URL", TestServers.valkeyUrl());
    env.put("DATABASE_URL", databaseUrl);
    Path ackLog = dir.resolve("acks.csv");
    assertThat(Main.run("load", "--valkey-url", env.get("VALKEY_URL"), "--database-url", env.get("DATABASE_URL"),
        "--namespace", ns, "--updates", "20000", "--writers", "8", "--keys", "500", "--ack-log", ackLog.toString())).isZero();

    List<String> args = List.of("worker", "--namespace", ns, "--quiet", "--batch-size", "50", "--lease-ttl-ms", "1000");
    try (ChildJvm first = ChildJvm.start(Main.class, args, env, dir.resolve("w1.log"))) {
      awaitOutput(first, "READY");
      Thread.sleep(700);
      first.sigterm();
      assertThat(first.waitFor(Duration.ofSeconds(30))).as(first.output()).isZero();
      assertThat(first.output()).contains("stopped after flushing");
    }
    List<String> second = List.of("worker", "--namespace", ns, "--quiet", "--lease-ttl-ms", "1000");
    try (ChildJvm worker = ChildJvm.start(Main.class, second, env, dir.resolve("w2.log"))) {
      awaitOutput(worker, "READY");
      assertThat(Main.run("status", "--namespace", ns, "--check", "--max-window-ms", "600000",
          "--valkey-url", env.get("VALKEY_URL"), "--database-url", env.get("DATABASE_URL"))).isZero();
      long deadline = System.currentTimeMillis() + 180_000;
      // The namespace's total: each partition reports its own journalLength too, and one
      // empty partition is not a drained journal.
      long journalLength = totalJournalLength(ns, env);
      while (journalLength > 0 && System.currentTimeMillis() < deadline) {
        Thread.sleep(500);
        journalLength = totalJournalLength(ns, env);
      }
      assertThat(journalLength).as("the second worker drained the journal").isZero();
      worker.sigterm();
      assertThat(worker.waitFor(Duration.ofSeconds(30))).isZero();
    }
    AckLogCheck.assertDatabaseMatches(ackLog, env.get("DATABASE_URL"));
  }

  private static long totalJournalLength(String ns, Map<String, String> env) throws Exception {
    return new ObjectMapper().readTree(statusJson(ns, env)).get("journalLength").asLong();
  }

  private static String statusJson(String ns, Map<String, String> env) {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      Main.run("status", "--json", "--namespace", ns, "--valkey-url", env.get("VALKEY_URL"), "--database-url", env.get("DATABASE_URL"));
    } finally {
      System.setOut(old);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static void awaitOutput(ChildJvm child, String line) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      if (child.output().contains(line)) {
        return;
      }
      if (!child.isAlive()) {
        throw new AssertionError("worker exited early:\n" + child.output());
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no " + line + ":\n" + child.output());
  }

  static String read(Path p) throws Exception {
    return Files.readString(p);
  }
}
