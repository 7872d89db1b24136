package io.writebehind.cli.demo;

import io.writebehind.cli.CliException;
import io.writebehind.cli.ConnectionOptions;
import io.writebehind.cli.EventSession;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code writebehind demo events}: position reports streamed in, each stored exactly once. */
@Command(name = "events", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Stream position reports of airborne flights: concurrent writers append, a worker process copies them "
        + "into flight_event and is killed with kill -9 mid-run, another takes over; the latest report per flight comes "
        + "from the cache, and at the end acknowledged = rows."})
public final class EventsDemoCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Option(names = "--writers", paramLabel = "N", defaultValue = "8", description = "Writer threads (default ${DEFAULT-VALUE})")
  int writers;

  @Option(names = "--seconds", paramLabel = "S", defaultValue = "4", description = "How long they write (default ${DEFAULT-VALUE})")
  double seconds;

  @Option(names = "--flights", paramLabel = "N", defaultValue = "500",
      description = "Airborne flights reporting: ids 1..N (default ${DEFAULT-VALUE})")
  int flights;

  @Option(names = "--rate", paramLabel = "R", defaultValue = "0",
      description = "Reports per second, all writers together; 0 = as fast as they go (default ${DEFAULT-VALUE})")
  double rate;

  @Override
  public Integer call() throws Exception {
    if (writers < 1 || writers > 256) {
      throw CliException.badInput("--writers must be between 1 and 256, was " + writers);
    }
    if (!(seconds >= 1 && seconds <= 600)) {
      throw CliException.badInput("--seconds must be between 1 and 600, was " + seconds);
    }
    if (flights < 1 || flights > 1_000_000) {
      throw CliException.badInput("--flights must be between 1 and 1000000, was " + flights);
    }
    if (!(rate >= 0) || Double.isInfinite(rate)) {
      throw CliException.badInput("--rate must be 0 (no limit) or a positive number of reports per second, was " + rate);
    }
    Console console = new Console(System.out, Style.detect(), false);
    try (EventSession session = EventSession.open(connection, EventsDemo.NAMESPACE)) {
      return new EventsDemo(session, console, writers, (long) (seconds * 1e9), flights, rate).run();
    }
  }
}
