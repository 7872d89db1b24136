package io.writebehind.bench;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The benchmark's own command, the main class of {@code writebehind-bench.jar}, against
 * servers given by URL. {@code writebehind bench} resolves the servers the CLI's way (flags,
 * environment, else the local servers under .writebehind/) and runs this jar in a JVM of its
 * own with {@code VALKEY_URL} and {@code DATABASE_URL} set, so Redisson and Hazelcast stay out
 * of the CLI's jar and passwords out of the child's command line.
 */
@Command(name = "writebehind-bench", mixinStandardHelpOptions = true,
    description = "Benchmarks writebehind against its floor and its peers.")
public final class BenchMain implements Callable<Integer> {
  @Mixin
  BenchOptions options = new BenchOptions();

  @Option(names = "--valkey-url", paramLabel = "URL", defaultValue = "${env:VALKEY_URL}",
      description = "Valkey or Redis URL. Default: $VALKEY_URL")
  String valkeyUrl;

  @Option(names = "--database-url", paramLabel = "JDBC_URL", defaultValue = "${env:DATABASE_URL}",
      description = "JDBC URL of PostgreSQL or MariaDB/MySQL. Default: $DATABASE_URL")
  String databaseUrl;

  @Spec
  CommandSpec spec;

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new BenchMain());
    // one line and exit code 2 for bad input, as the writebehind command does
    cli.setParameterExceptionHandler((e, a) -> {
      e.getCommandLine().getErr().println("writebehind-bench: " + e.getMessage());
      e.getCommandLine().getErr().println("Try 'writebehind-bench --help'.");
      return 2;
    });
    System.exit(cli.execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Bench.quietLibraryLogs();
    List<String> systems;
    io.writebehind.bench.cluster.ClusterDrain.Settings clusterDrain;
    try {
      systems = options.selectedSystems();
      clusterDrain = options.clusterDrain();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (valkeyUrl == null || valkeyUrl.isBlank()) {
      throw new ParameterException(spec.commandLine(), "no Valkey URL: give --valkey-url or set VALKEY_URL");
    }
    if (databaseUrl == null || databaseUrl.isBlank()) {
      throw new ParameterException(spec.commandLine(), "no database URL: give --database-url or set DATABASE_URL");
    }
    Bench.Config config = new Bench.Config(valkeyUrl, databaseUrl, options.quick ? Plan.quick() : Plan.full(),
        systems, options.json, options.charts, clusterDrain);
    Bench.run(config, new BarProgress(), System.out);
    return 0;
  }

  /** One progress bar per system (its measurements) and per long setup step. */
  static final class BarProgress implements Progress {
    private ProgressBar bar;
    private long done;

    @Override
    public void step(String label, long total) {
      bar = new ProgressBar(System.err, label, total);
      done = 0;
    }

    @Override
    public void update(long done) {
      this.done = done;
      if (bar != null) {
        bar.update(done);
      }
    }

    @Override
    public void done() {
      if (bar != null) {
        bar.finish(done);
        bar = null;
      }
    }
  }
}
