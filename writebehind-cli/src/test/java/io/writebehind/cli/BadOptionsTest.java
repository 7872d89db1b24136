package io.writebehind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Values no command can use are refused before any server is contacted: one line, exit 2.
 * The servers named here do not exist (port 1), so a command that went on would fail with 3.
 */
class BadOptionsTest {
  private static final List<String> NOWHERE = List.of(
      "--valkey-url", "redis://127.0.0.1:1", "--database-url", "jdbc:postgresql://127.0.0.1:1/nothing?user=postgres");

  @Test
  void refusedBeforeConnecting() {
    List<List<String>> runs = List.of(
        List.of("status", "--max-window-ms", "-1"),
        List.of("status", "--max-dead-letters", "-1"),
        List.of("chaos", "--rate", "-1"),
        List.of("chaos", "--rate", "NaN"),
        List.of("worker", "--metrics-port", "70000"),
        List.of("worker", "--metrics-port", "-5"));
    for (List<String> run : runs) {
      List<String> args = new ArrayList<>(run);
      args.addAll(NOWHERE);
      Captured r = Captured.run(args.toArray(String[]::new));
      assertThat(r.exitCode()).as(run + ": " + r.err()).isEqualTo(CliException.BAD_INPUT);
      assertThat(r.err().strip().lines()).as(run + ": one line").hasSize(1);
      assertThat(r.err()).as(run.toString()).startsWith("writebehind: " + run.get(1) + " must be");
    }
  }

  /** Values the library would refuse are refused by the CLI first, named as the user typed them, not as the library's setting. */
  @Test
  void namedAsTyped() {
    Map<List<String>, String> runs = new LinkedHashMap<>();
    runs.put(List.of("worker", "--batch-size", "0"), "--batch-size must be between 1 and 100000, was 0");
    runs.put(List.of("worker", "--linger-ms", "-1"), "--linger-ms must be between 1 and 60000, was -1");
    runs.put(List.of("worker", "--lease-ttl-ms", "0"), "--lease-ttl-ms must be at least 300, was 0");
    runs.put(List.of("worker", "--threads", "0"), "--threads must be between 1 and 256, was 0");
    runs.put(List.of("worker", "--worker-id", "a b"), "--worker-id must be 1 to 100 letters, digits or _.:@-, was 'a b'");
    runs.put(List.of("status", "--partitions", "0"), "--partitions must be between 1 and 16384, was 0");
    runs.put(List.of("chaos", "--duration", "0s"), "--duration must be positive, was 0s");
    runs.put(List.of("chaos", "--kill-every", "PT-1S"), "--kill-every must be zero (never) or positive, was PT-1S");
    runs.put(List.of("load", "--durability", "replicas=0"),
        "--durability must be memory, aof, replicas=N or replicas=N+aof (N at least 1), was 'replicas=0'");
    SoftAssertions.assertSoftly(soft -> runs.forEach((run, expected) -> {
      List<String> args = new ArrayList<>(run);
      args.addAll(NOWHERE);
      Captured r = Captured.run(args.toArray(String[]::new));
      soft.assertThat(r.exitCode()).as(run + ": " + r.err()).isEqualTo(CliException.BAD_INPUT);
      soft.assertThat(r.err().strip()).as(run.toString()).isEqualTo("writebehind: " + expected);
    }));
  }

  /** chaos --cluster and --durability: what they cannot run is refused the same way, before a cluster or worker starts. */
  @Test
  void clusterChaosRefusesWhatItCannotRun() {
    String db = NOWHERE.get(3);
    List<List<String>> runs = List.of(
        List.of("chaos", "--cluster", "--valkey-url", "redis://127.0.0.1:1"),
        List.of("chaos", "--cluster", "--durability", "replicas=2"),
        List.of("chaos", "--cluster", "--durability", "memory,fast"),
        List.of("chaos", "--cluster", "--workload", "views"),
        List.of("chaos", "--durability", "memory", "--valkey-url", "redis://127.0.0.1:1"));
    List<String> expected = List.of("--cluster starts a local Valkey Cluster of its own",
        "--durability replicas=2: the local cluster has one replica per primary",
        "--durability must be memory, aof, replicas=N or replicas=N+aof (N at least 1), was 'fast'",
        "--cluster runs the overwrite workload only", "--durability goes with --cluster");
    for (int i = 0; i < runs.size(); i++) {
      List<String> args = new ArrayList<>(runs.get(i));
      args.addAll(List.of("--database-url", db));
      Captured r = Captured.run(args.toArray(String[]::new));
      assertThat(r.exitCode()).as(runs.get(i) + ": " + r.err()).isEqualTo(CliException.BAD_INPUT);
      assertThat(r.err().strip().lines()).as(runs.get(i) + ": one line").hasSize(1);
      assertThat(r.err()).as(runs.get(i).toString()).startsWith("writebehind: " + expected.get(i));
    }
  }
}
