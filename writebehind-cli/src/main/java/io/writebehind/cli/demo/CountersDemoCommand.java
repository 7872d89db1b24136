package io.writebehind.cli.demo;

import io.writebehind.cli.CliException;
import io.writebehind.cli.ConnectionOptions;
import io.writebehind.cli.CounterSession;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code writebehind demo counters}: views per flight counted exactly once, and the naive way beside it. */
@Command(name = "counters", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Count page views per flight: concurrent writers increment, a worker process is killed with kill -9 "
        + "mid-run and another takes over; then the acknowledged increments, the cache and the database agree.",
        "Beside it, the naive get + put of the total on the same load, and the increments it loses."})
public final class CountersDemoCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Option(names = "--writers", paramLabel = "N", defaultValue = "8", description = "Writer threads (default ${DEFAULT-VALUE})")
  int writers;

  @Option(names = "--seconds", paramLabel = "S", defaultValue = "4", description = "How long they write (default ${DEFAULT-VALUE})")
  double seconds;

  @Option(names = "--flights", paramLabel = "N", defaultValue = "20", description = "Flights viewed: ids 1..N (default ${DEFAULT-VALUE})")
  int flights;

  @Override
  public Integer call() throws Exception {
    if (writers < 1 || writers > 256) {
      throw CliException.badInput("--writers must be between 1 and 256, was " + writers);
    }
    if (!(seconds >= 0.5 && seconds <= 600)) {
      throw CliException.badInput("--seconds must be between 0.5 and 600, was " + seconds);
    }
    if (flights < 1 || flights > 100_000) {
      throw CliException.badInput("--flights must be between 1 and 100000, was " + flights);
    }
    Console console = new Console(System.out, Style.detect(), false);
    try (CounterSession session = CounterSession.open(connection, CountersDemo.NAMESPACE)) {
      return new CountersDemo(session, console, writers, (long) (seconds * 1e9), flights).run();
    }
  }
}
