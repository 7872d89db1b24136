package io.writebehind.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.writebehind.flights.AdoptionNeededException;
import io.writebehind.flights.FlightsAdoption;
import io.writebehind.flights.FlightsSchema;
import io.writebehind.flights.OriginalFormats;
import io.writebehind.flights.UnrecognisedSchemaException;
import io.writebehind.jdbc.DataSources;
import io.writebehind.jdbc.Dialect;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Takes over the original workshop's FlughafenDB database, and with --import-queue its queue. */
@Command(name = "adopt", mixinStandardHelpOptions = true,
    description = {"Adopt an existing FlughafenDB database (the original workshop's).",
        "Adds flight.wb_version and a migration baseline, repairs a failed migration; changes no row.",
        "--import-queue then moves the original's queued updates into the journal."})
public final class AdoptCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Option(names = "--import-queue", description = {"Also move every task of the original's queue into the journal,",
      "one atomic step each, and remove the original's flight:<id> keys of those flights"})
  boolean importQueue;

  @Option(names = "--queue", paramLabel = "KEY", defaultValue = OriginalFormats.QUEUE,
      description = "The original's queue (default ${DEFAULT-VALUE})")
  String queue;

  @Option(names = "--max-tasks", paramLabel = "N", defaultValue = "-1",
      description = "Import at most N tasks this run (default: all); run again for the rest")
  long maxTasks;

  /** The one line that sends a user whose database needs adopting here. */
  public static String hint(AdoptionNeededException e) {
    return e.getMessage() + (e.state() == FlightsAdoption.State.FAILED_MIGRATION
        ? ": 'writebehind adopt' repairs it" : ": run 'writebehind adopt' first");
  }

  @Override
  public Integer call() throws Exception {
    if (maxTasks < -1 || maxTasks == 0) {
      throw CliException.badInput("--max-tasks must be at least 1, was " + maxTasks);
    }
    if (queue.isBlank()) {
      throw CliException.badInput("--queue must name a key");
    }
    String url = ServerUrls.database(connection.databaseUrl);
    if (url == null) {
      throw CliException.badInput("adopt needs the FlughafenDB database: give --database-url (or DATABASE_URL)");
    }
    Dialect dialect = Dialect.fromJdbcUrl(url);
    DatabaseCheck.connect(url, dialect);
    try (HikariDataSource ds = DataSources.hikari(url, 2, "writebehind-adopt")) {
      adopt(ds, dialect, ServerUrls.redact(url));
    }
    if (importQueue) {
      try (Session s = Session.open(connection)) {
        new QueueImport(s, queue, maxTasks, System.out).run();
      }
    }
    return 0;
  }

  private static void adopt(HikariDataSource ds, Dialect dialect, String shownUrl) throws Exception {
    FlightsAdoption.Outcome o;
    try {
      o = FlightsAdoption.adopt(ds, dialect);
    } catch (UnrecognisedSchemaException e) {
      if (e.noTables()) {
        throw CliException.badInput("no FlughafenDB tables at " + shownUrl
            + " to adopt; to create and load them instead: writebehind init");
      }
      throw CliException.badInput(e.getMessage() + " at " + shownUrl
          + "; point --database-url at the original's FlughafenDB database");
    }
    if (o.alreadyManaged()) {
      System.out.println("The flights schema at " + shownUrl + " is writebehind's already: nothing to adopt.");
      return;
    }
    System.out.println("Adopted the FlughafenDB schema at " + shownUrl + ":");
    if (o.removedHistory() > 0) {
      System.out.printf("  removed %d row(s) of %s left by a failed migration%n", o.removedHistory(),
          FlightsSchema.HISTORY_TABLE);
    }
    System.out.println(o.addedVersionColumn()
        ? "  added flight.wb_version (BIGINT NOT NULL DEFAULT 0); no row changed"
        : "  flight.wb_version was there already");
    if (o.baselined()) {
      System.out.println("  recorded migration baseline 1 in " + FlightsSchema.HISTORY_TABLE);
    }
    System.out.println("Next: writebehind demo (the original's queue: writebehind adopt --import-queue)");
  }
}
