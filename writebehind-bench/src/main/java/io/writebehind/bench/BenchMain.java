package io.writebehind.bench;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The benchmark without the CLI around it, against servers given by URL: what the tests
 * and a bare {@code java -cp} run use. {@code writebehind bench} is the same with the CLI's
 * connection handling (local servers by default).
 */
@Command(name = "writebehind-bench", mixinStandardHelpOptions = true,
    description = "Benchmarks writebehind against its floor and its peers.")
public final class BenchMain implements Callable<Integer> {
  @Mixin
  BenchOptions options = new BenchOptions();

  @Option(names = "--valkey-url", required = true, paramLabel = "URL")
  String valkeyUrl;

  @Option(names = "--database-url", required = true, paramLabel = "JDBC_URL")
  String databaseUrl;

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Bench.quietLibraryLogs();
    List<String> systems = options.selectedSystems();
    Bench.Config config = new Bench.Config(valkeyUrl, databaseUrl, options.quick ? Plan.quick() : Plan.full(),
        systems, options.json, options.charts);
    Bench.run(config, new PrintingProgress(), System.out);
    return 0;
  }

  /** Plain lines on stderr: one per finished step. */
  static final class PrintingProgress implements Progress {
    private String label;
    private long total;

    @Override
    public void step(String label, long total) {
      this.label = label;
      this.total = total;
      System.err.println(label + " ...");
    }

    @Override
    public void update(long done) {}

    @Override
    public void done() {
      System.err.println(label + " done (" + total + ")");
    }
  }
}
