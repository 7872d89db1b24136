package io.writebehind.cli.demo;

import io.writebehind.cli.CliException;
import io.writebehind.cli.ProgressBar;
import io.writebehind.cli.Session;
import io.writebehind.flights.FlightsCounts;
import io.writebehind.flights.FlightsGenerator;
import io.writebehind.flights.FlightsLoader;
import java.io.PrintStream;
import java.sql.SQLException;

/** Loads the generated flights on first use, so the demo needs no prior {@code init}. */
final class SampleData {
  private SampleData() {}

  /**
   * Loads when the database has no flights or lacks the reference tables (a load that broke
   * off early). Any other data set (an {@code init --flights N}, the user's own) is kept as
   * it is, because loading replaces every flight and the whole flight_log.
   */
  static void ensureLoaded(Session s, long flights, PrintStream progressOut) throws SQLException {
    FlightsCounts counts = FlightsLoader.counts(s.dataSource(), s.dialect());
    if (counts.flights() > 0 && referenceTablesFull(counts)) {
      return;
    }
    if (flights < FlightsGenerator.DEMO_FLIGHT_ID) {
      throw CliException.badInput("--flights must be at least " + FlightsGenerator.DEMO_FLIGHT_ID + ", was " + flights);
    }
    progressOut.printf("First use: loading %,d sample flights into %s%n", flights, s.redactedDatabaseUrl());
    long t0 = System.nanoTime();
    FlightsLoader.load(s.dataSource(), s.dialect(), flights, FlightsGenerator.DEFAULT_SEED, new Bars(progressOut));
    progressOut.printf("Loaded in %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }

  private static boolean referenceTablesFull(FlightsCounts c) {
    return c.airports() > 0 && c.airlines() > 0 && c.airplanes() > 0;
  }

  /** One bar per table. */
  private static final class Bars implements FlightsLoader.Progress {
    private final PrintStream out;
    private String table;
    private ProgressBar bar;

    Bars(PrintStream out) {
      this.out = out;
    }

    @Override
    public void update(String table, long done, long total) {
      if (!table.equals(this.table)) {
        this.table = table;
        bar = new ProgressBar(out, String.format("  %-9s", table), total);
      }
      if (done >= total) {
        bar.finish(done);
        this.table = null;
      } else {
        bar.update(done);
      }
    }
  }
}
