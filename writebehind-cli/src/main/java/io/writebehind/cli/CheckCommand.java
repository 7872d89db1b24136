package io.writebehind.cli;

import io.writebehind.CounterDrift;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Compares every cached counter of the flights' counters with the database's row plus the
 * deltas still in the journal, and names each that differs: drift the engine cannot cause
 * (a hand edit, a restored backup, a dead-lettered delta).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Compare each cached counter of flight_stats with the database plus its pending deltas; "
        + "exit 1 and name the counters that differ")
public final class CheckCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Override
  public Integer call() {
    try (CounterSession cs = CounterSession.openExisting(connection)) {
      List<CounterDrift<Long>> drift = cs.counters().check();
      if (drift.isEmpty()) {
        System.out.println("check: every cached counter of '" + cs.namespace()
            + "' equals the database plus its pending deltas");
        return 0;
      }
      for (CounterDrift<Long> d : drift) {
        System.out.printf(Locale.ROOT, "flight %d %s: cache %,d, database %,d + pending %,d = %,d%n",
            d.key(), d.field(), d.cached(), d.database(), d.pending(), d.expected());
      }
      System.out.println("check: " + drift.size() + " counter field(s) of '" + cs.namespace() + "' differ");
      return CliException.FAILED;
    }
  }
}
