package io.writebehind.cli.demo;

import io.writebehind.cli.CliException;
import io.writebehind.cli.ConnectionOptions;
import io.writebehind.cli.Session;
import io.writebehind.flights.FlightsGenerator;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code writebehind demo}: the document's eight steps on real servers and data. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false, subcommands = {CountersDemoCommand.class, EventsDemoCommand.class},
    description = "Run the write-behind cache pattern demonstration (the flights walkthrough, every figure measured live).")
public final class DemoCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Spec CommandSpec spec;

  @Option(names = {"-f", "--flight-id"}, paramLabel = "ID", defaultValue = "" + FlightsGenerator.DEMO_FLIGHT_ID,
      description = "Flight ID to use for demonstration [default: ${DEFAULT-VALUE}]")
  long flightId;

  @Option(names = {"-i", "--interactive"}, description = "Run demo step-by-step with prompts")
  boolean interactive;

  @Option(names = {"-v", "--verbose"}, description = "Show detailed information: Valkey commands and SQL, with timings")
  boolean verbose;

  @Option(names = "--flush",
      description = "Start clean: process queued updates, then delete this namespace's cache and queue keys (only these; never FLUSHALL)")
  boolean flush;

  @Option(names = "--external-worker",
      description = "Start no worker here: step 5 waits for a 'writebehind worker' running in another terminal")
  boolean externalWorker;

  @Option(names = "--restore",
      description = "Only restore the flight's times left delayed by an earlier run that stopped before step 8, then exit")
  boolean restore;

  @Option(names = "--install-completion", description = "Install completion for the current shell.")
  boolean installCompletion;

  @Option(names = "--show-completion", description = "Show completion for the current shell, to copy it or customize the installation.")
  boolean showCompletion;

  @Option(names = "--flights", paramLabel = "N", defaultValue = "" + FlightsGenerator.DEFAULT_FLIGHTS, hidden = true,
      description = "Flights to generate when the database is empty (default ${DEFAULT-VALUE})")
  long flights;

  @Option(names = "--worker-timeout", paramLabel = "SECONDS", defaultValue = "120", hidden = true,
      description = "How long to wait for the queue to drain (default ${DEFAULT-VALUE})")
  long workerTimeoutSeconds;

  @Override
  public Integer call() throws Exception {
    if (showCompletion) {
      System.out.print(Completion.script());
      return 0;
    }
    if (installCompletion) {
      Completion.install(System.out);
      return 0;
    }
    if (workerTimeoutSeconds < 1) {
      throw CliException.badInput("--worker-timeout must be at least 1 second, was " + workerTimeoutSeconds);
    }
    Console console = new Console(System.out, Style.detect(), interactive);
    try (Session session = Session.open(connection)) {
      SampleData.ensureLoaded(session, flights, System.out);
      DemoSettings settings = new DemoSettings(flightId, verbose, flush, externalWorker,
          Duration.ofSeconds(workerTimeoutSeconds), workerCommand(session));
      try (DemoRun run = new DemoRun(session, console, settings)) {
        if (restore) {
          run.restoreOnly();
        } else {
          run.run();
        }
      }
      return 0;
    }
  }

  /** What to type in another terminal to drain the same namespace of the same servers. */
  private String workerCommand(Session session) {
    StringBuilder sb = new StringBuilder("writebehind worker");
    for (String name : new String[] {"--valkey-url", "--database-url"}) {
      OptionSpec o = spec.findOption(name);
      if (o != null && o.getValue() != null) {
        sb.append(' ').append(name).append(" '")
            .append(name.equals("--valkey-url") ? session.redactedValkeyUrl() : session.redactedDatabaseUrl()).append('\'');
      }
    }
    var options = session.engine().options();
    if (!options.namespace().equals("flight")) {
      sb.append(" --namespace ").append(options.namespace());
    }
    if (options.partitions() != 16) {
      sb.append(" --partitions ").append(options.partitions());
    }
    if (sb.indexOf("***") >= 0) {
      // Passwords are never printed, so the command cannot be pasted as it is.
      sb.append("  (with your password in place of ***, or the URLs in VALKEY_URL and DATABASE_URL)");
    }
    return sb.toString();
  }
}
