package io.writebehind.cli.demo;

import io.writebehind.cli.CliException;
import io.writebehind.cli.ConnectionOptions;
import io.writebehind.cli.Session;
import io.writebehind.WriteBehind;
import io.writebehind.flights.Flight;
import io.writebehind.flights.FlightsGenerator;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code writebehind compare}: the document's Pattern Comparison table, measured on this machine. */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Measure write-behind, write-through and cache-aside writes and cached reads here and print the "
        + "document's Pattern Comparison table. Restores the flights it changes and deletes its flight_log rows.")
public final class CompareCommand implements Callable<Integer> {
  private static final int FLIGHTS = 4;

  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Option(names = "--samples", paramLabel = "N", defaultValue = "50", description = "Writes per pattern (default ${DEFAULT-VALUE})")
  int samples;

  @Option(names = "--flights", paramLabel = "N", defaultValue = "" + FlightsGenerator.DEFAULT_FLIGHTS, hidden = true,
      description = "Flights to generate when the database is empty (default ${DEFAULT-VALUE})")
  long flights;

  @Override
  public Integer call() throws Exception {
    if (samples < 1 || samples > 100_000) {
      throw CliException.badInput("--samples must be between 1 and 100000, was " + samples);
    }
    Console c = new Console(System.out, Style.detect(), false);
    try (Session session = Session.open(connection)) {
      SampleData.ensureLoaded(session, flights, System.out);
      WriteBehind<Long, Flight> engine = session.engine();
      PatternProbe probe = new PatternProbe(session, engine);
      List<Flight> picked = probe.pickFlights(FLIGHTS * 2 + Math.min(samples, 20), FlightsGenerator.DEMO_FLIGHT_ID);
      if (picked.size() < FLIGHTS * 2 + 1) {
        throw new CliException(CliException.FAILED, "found only " + picked.size() + " uncached flights to measure with");
      }
      List<Flight> forWrites = picked.subList(0, FLIGHTS);
      List<Flight> forMisses = picked.subList(FLIGHTS, picked.size());
      c.printf("Measuring on %s, %d samples per pattern over flights %s...%n", session.describe(), samples,
          forWrites.stream().map(f -> Long.toString(f.flightId())).toList());

      double wt = Millis.median(probe.synchronous(forWrites, samples, WriteThrough.CacheStep.SET));
      double ca = Millis.median(probe.synchronous(forWrites, samples, WriteThrough.CacheStep.DEL));
      double wb;
      Worker worker = engine.startWorker(WorkerOptions.defaults());
      try {
        wb = Millis.median(probe.writeBehind(forWrites, samples, Duration.ofSeconds(60)));
      } finally {
        worker.close();
      }
      double miss = Millis.median(probe.misses(forMisses));
      double hit = Millis.median(probe.hits(forWrites.get(0).flightId(), samples));
      print(c, wb, wt, ca, hit, miss);
      return 0;
    }
  }

  private void print(Console c, double wb, double wt, double ca, double hit, double miss) {
    Style s = c.style();
    String reads = Millis.format(hit) + " hit / " + Millis.format(miss) + " miss";
    TextTable t = new TextTable("Aspect", "Write-Behind", "Write-Through", "Cache-Aside")
        .row("Write Performance (p50)", s.bold(Millis.format(wb)), Millis.format(wt), Millis.format(ca))
        .row("Write path", "cache + queue, 1 step", "DB commit + cache SET", "DB commit + cache DEL")
        .row("Read Performance (p50)", reads, reads, reads)
        .row("Consistency", "Eventual", "Strong", "Eventual")
        .row("Complexity", "High (needs workers)", "Medium", "Low")
        .row("Database Load", "Low (batched)", "High (every write)", "Medium")
        .row("Use Case", "High write throughput", "Consistency critical", "Read-heavy loads");
    c.println();
    c.println(s.bold("Pattern Comparison (measured now, on this machine)"));
    c.table(t);
    c.println(s.ok() + " Write-behind writes: " + Millis.faster(wt, wb) + " than write-through, "
        + Millis.faster(ca, wb) + " than cache-aside");
    Load.note().ifPresent(n -> c.println(s.warnMark() + " " + n));
    c.println(s.dim("Reads are the same cache-aside read in all three patterns. Every flight written was restored and"));
    c.println(s.dim("its flight_log rows deleted; flights read for the misses stay cached (clean, until the TTL)."));
  }
}
