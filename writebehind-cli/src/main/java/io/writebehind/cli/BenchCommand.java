package io.writebehind.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code writebehind bench}: ours against the machine's floor and the peers, same data, one run.
 * The benchmark and its peers (Redisson, Hazelcast) live in writebehind-bench.jar, not in this
 * jar: this command finds the servers the way every command does (flags, environment, else the
 * local servers) and runs that jar in a JVM of its own, with the servers' URLs in its
 * environment and every other argument passed on.
 */
@Command(name = "bench",
    description = {"Benchmarks writebehind against the bare floor (write script by EVALSHA, batched JDBC upsert), "
        + "write-through, the walkthrough's original algorithm, Redisson and Hazelcast: write latency and throughput, "
        + "drain rate, inconsistency window, reads, and acknowledged writes lost when the worker is killed. "
        + "Works in a schema and key prefix of its own and removes them afterwards.",
        "Runs writebehind-bench.jar in a JVM of its own (./writebehind builds it on first use; else set "
        + "WRITEBEHIND_BENCH_JAR); the benchmark's own options (--quick, --json, --charts, --systems) are passed on "
        + "and listed below."})
public final class BenchCommand implements Callable<Integer> {
  static final String JAR_NAME = "writebehind-bench.jar";
  static final String JAR_ENV = "WRITEBEHIND_BENCH_JAR";

  @Mixin
  ConnectionOptions connection;

  @Option(names = {"-h", "--help"}, description = "Show this help message and the benchmark's options, and exit.")
  boolean help;

  /** The benchmark's own options, for the child. */
  @Unmatched
  List<String> benchArgs = new ArrayList<>();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Path jar = benchJar();
    if (help) {
      spec.commandLine().usage(System.out);
      if (jar == null) {
        System.out.println();
        System.out.println(notBuilt());
        return 0;
      }
      System.out.println();
      System.out.println("The benchmark's options (" + jar + "):");
      System.out.flush();
      return run(jar, List.of("--help"), null, null);
    }
    if (jar == null) {
      throw new CliException(CliException.FAILED, notBuilt());
    }
    String valkeyUrl;
    String jdbcUrl;
    // Session resolves flags, environment and local servers, and checks both servers answer.
    try (Session session = Session.open(connection)) {
      jdbcUrl = session.dataSource().getJdbcUrl();
      valkeyUrl = session.valkeyUrl();
      System.err.println("bench: " + session.describe());
    }
    return run(jar, benchArgs, valkeyUrl, jdbcUrl);
  }

  /** Runs the jar with this JVM's options, in the same terminal, and returns its exit code. */
  private static int run(Path jar, List<String> args, String valkeyUrl, String jdbcUrl)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    cmd.add("-jar");
    cmd.add(jar.toString());
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
    // URLs by environment: a password in them stays off the child's command line
    if (valkeyUrl != null) {
      pb.environment().put("VALKEY_URL", valkeyUrl);
    }
    if (jdbcUrl != null) {
      pb.environment().put("DATABASE_URL", jdbcUrl);
    }
    Process child = pb.start();
    Thread stop = new Thread(child::destroy, "bench-child-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    try {
      return child.waitFor();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stop);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it stops the child
      }
    }
  }

  /**
   * {@code $WRITEBEHIND_BENCH_JAR}, else writebehind-bench.jar beside this jar, else where the
   * build puts it in a checkout (writebehind-bench/target/, beside writebehind-cli/).
   */
  static Path benchJar() {
    String env = System.getenv(JAR_ENV);
    if (env != null && !env.isBlank()) {
      Path p = Path.of(env);
      return Files.isRegularFile(p) ? p : null;
    }
    Path here;
    try {
      here = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
    // here: writebehind-cli/target/writebehind.jar, or writebehind-cli/target/classes
    Path dir = here.getParent();
    if (dir == null) {
      return null;
    }
    List<Path> candidates = new ArrayList<>();
    candidates.add(dir.resolve(JAR_NAME));
    if (dir.getParent() != null && dir.getParent().getParent() != null) {
      candidates.add(dir.getParent().getParent().resolve("writebehind-bench").resolve("target").resolve(JAR_NAME));
    }
    for (Path p : candidates) {
      if (Files.isRegularFile(p)) {
        return p.toAbsolutePath().normalize();
      }
    }
    return null;
  }

  private static String notBuilt() {
    return "the benchmark runs from " + JAR_NAME + ", which is not built: run ./writebehind bench (it builds it), "
        + "or mvn -B -ntp -DskipTests -pl writebehind-bench -am package, or set " + JAR_ENV;
  }
}
