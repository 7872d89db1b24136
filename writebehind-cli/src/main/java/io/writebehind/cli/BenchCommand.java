package io.writebehind.cli;

import io.writebehind.bench.Bench;
import io.writebehind.bench.BenchOptions;
import io.writebehind.bench.Plan;
import io.writebehind.bench.Progress;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code writebehind bench}: ours against the machine's floor and the peers, same data, one run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks writebehind against the bare floor (write script by EVALSHA, batched JDBC upsert), "
        + "write-through, the walkthrough's original algorithm, Redisson and Hazelcast: write latency and throughput, "
        + "drain rate, inconsistency window, reads, and acknowledged writes lost when the worker is killed. "
        + "Works in a schema and key prefix of its own and removes them afterwards.")
public final class BenchCommand implements Callable<Integer> {
  @Mixin
  ConnectionOptions connection;

  @Mixin
  BenchOptions options;

  @Override
  public Integer call() throws Exception {
    Bench.quietLibraryLogs();
    List<String> systems;
    try {
      systems = options.selectedSystems();
    } catch (IllegalArgumentException e) {
      throw CliException.badInput(e.getMessage());
    }
    String valkeyUrl;
    String jdbcUrl;
    // Session resolves flags, environment and local servers, and checks both servers answer.
    try (Session session = Session.open(connection)) {
      jdbcUrl = session.dataSource().getJdbcUrl();
      valkeyUrl = session.valkeyUrl();
      System.err.println("bench: " + session.describe());
    }
    Bench.Config config = new Bench.Config(valkeyUrl, jdbcUrl, options.quick ? Plan.quick() : Plan.full(), systems,
        options.json, options.charts);
    Bench.run(config, new BarProgress(), System.out);
    return 0;
  }

  /** One progress bar per system (its measurements) and per long setup step. */
  private static final class BarProgress implements Progress {
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
