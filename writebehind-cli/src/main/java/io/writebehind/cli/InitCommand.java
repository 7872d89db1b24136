package io.writebehind.cli;

import io.writebehind.Codecs;
import io.writebehind.WriteBehind;
import io.writebehind.admin.Namespaces;
import io.writebehind.cli.chaos.ChaosSetup;
import io.writebehind.flights.FlightEvents;
import io.writebehind.flights.FlightStats;
import io.writebehind.flights.FlightsCounts;
import io.writebehind.flights.FlightsGenerator;
import io.writebehind.flights.FlightsLoader;
import io.writebehind.flights.FlightsSchema;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Loads the FlughafenDB-like sample data. */
@Command(name = "init", mixinStandardHelpOptions = true,
    description = "Create the flights schema and load the generated sample data (flight 115 as in the document).")
public final class InitCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Option(names = "--flights", paramLabel = "N", defaultValue = "" + FlightsGenerator.DEFAULT_FLIGHTS,
      description = "Flights to generate (default ${DEFAULT-VALUE}; 416429 is the upstream size)")
  long flights;

  @Option(names = "--seed", defaultValue = "" + FlightsGenerator.DEFAULT_SEED, description = "Generator seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--reset", description = "Drop the flights tables and this namespace's cache and journal first, and those of "
      + "the counters (flight_stats) and position reports (flight_event), whose tables go too")
  boolean reset;

  /** One progress bar per table the loader fills. */
  static final class TableProgress implements FlightsLoader.Progress {
    private String table;
    private ProgressBar bar;
    private long total;

    @Override
    public void update(String table, long done, long total) {
      if (!table.equals(this.table)) {
        if (bar != null) {
          bar.finish(this.total);
        }
        this.table = table;
        this.total = total;
        bar = new ProgressBar(System.err, String.format("%-10s", table), total);
      }
      bar.update(done);
      if (done >= total) {
        bar.finish(done);
        bar = null;
        this.table = null;
      }
    }
  }

  /**
   * The counters' and events' default namespaces, whose tables reset drops: their cached
   * totals and latest reports would outlive the rows, and their journals would refill the new
   * tables. Purged through a sink-less engine, which may purge a namespace of another kind;
   * their positions go too.
   */
  private void purgeStreams(Session s) {
    for (String ns : List.of(FlightStats.NAMESPACE, FlightEvents.NAMESPACE)) {
      if (!Namespaces.exists(s.valkey(), ns, connection.partitions, 10_000)) {
        continue;
      }
      try (WriteBehind<Long, String> engine = WriteBehind.builder(Codecs.longKeysTextValues()).valkeyUrl(s.valkeyUrl())
          .namespace(ns).partitions(connection.partitions).acceptEviction(true).build()) {
        engine.admin().purgeNamespace();
      } catch (IllegalStateException e) {
        throw CliException.badInput("cannot purge namespace " + ns + ": " + Session.firstLine(e.getMessage()));
      }
      ChaosSetup.forgetPositions(s.dataSource(), ns);
    }
  }

  @Override
  public Integer call() throws Exception {
    if (flights < FlightsGenerator.DEMO_FLIGHT_ID) {
      throw CliException.badInput("--flights must be at least " + FlightsGenerator.DEMO_FLIGHT_ID + " (flight 115 is the demo's), was " + flights);
    }
    try (Session s = Session.open(connection)) {
      if (reset) {
        s.engine().admin().purgeNamespace();
        purgeStreams(s);
        FlightsSchema.reset(s.dataSource(), s.dialect());
        FlightsSchema.migrate(s.dataSource(), s.dialect());
      } else if (FlightsLoader.isLoaded(s.dataSource(), s.dialect(), flights)) {
        System.out.println("flights already loaded (" + FlightsLoader.counts(s.dataSource(), s.dialect()) + "); use --reset to reload");
        return 0;
      }
      long t0 = System.nanoTime();
      FlightsCounts counts = FlightsLoader.load(s.dataSource(), s.dialect(), flights, seed, new TableProgress());
      System.out.printf(java.util.Locale.ROOT, "loaded %,d airports, %,d airlines, %,d airplanes and %,d flights in %.1f s%n"
          + "  into %s%n", counts.airports(), counts.airlines(), counts.airplanes(), counts.flights(),
          (System.nanoTime() - t0) / 1e9, s.redactedDatabaseUrl());
      return 0;
    }
  }
}
