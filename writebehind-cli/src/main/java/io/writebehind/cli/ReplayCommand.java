package io.writebehind.cli;

import io.writebehind.admin.JournalReplay;
import io.writebehind.admin.PartitionStatus;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Hands a partition's retained journal entries back to the workers (Valkey only): they apply
 * them again, and the version guard keeps whatever the database holds that is newer.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Have the workers apply a partition's retained journal entries again, from an id on.",
        "Harmless: the database keeps what it holds when newer; rows that went back to an older",
        "version (a restored backup) get the newest write again. Entries are retained only",
        "while workers run with --keep-journal. Reads and writes Valkey only."})
public final class ReplayCommand implements Callable<Integer> {
  private static final Pattern ENTRY_ID = Pattern.compile("\\d{1,19}(-\\d{1,19})?");

  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Option(names = "--partition", required = true, paramLabel = "P", description = "The partition (as 'status' lists them)")
  int partition;

  @Option(names = "--from", required = true, paramLabel = "ID",
      description = "First entry id to apply again: <ms>-<seq>, or <ms> (0 for everything retained)")
  String from;

  @Override
  public Integer call() {
    if (partition < 0 || partition >= connection.partitions) {
      throw CliException.badInput("--partition must be between 0 and " + (connection.partitions - 1) + ", was " + partition);
    }
    if (!ENTRY_ID.matcher(from).matches()) {
      throw CliException.badInput("--from must be an entry id, <ms>-<seq> or <ms> (as 'status' prints them), was '" + from + "'");
    }
    try (Session s = Session.openExisting(connection)) {
      JournalReplay r;
      try {
        r = s.engine().admin().replayJournal(partition, from);
      } catch (IllegalArgumentException e) {
        throw CliException.badInput(e.getMessage());
      }
      System.out.printf(Locale.ROOT, "partition %d: %,d%s entries handed back to the workers,%n", r.partition(), r.entries(),
          r.entries() >= 100_000 ? "+" : "");
      System.out.printf("  from %s to %s; newer rows in the database stay as they are%n", r.firstId(), r.lastId());
      String owner = s.engine().admin().status().partitions().stream().filter(p -> p.partition() == partition)
          .map(PartitionStatus::leaseOwner).findFirst().orElse(null);
      if (owner == null) {
        System.out.println("  no worker holds the partition now: they wait for one (writebehind worker)");
      }
      return 0;
    }
  }
}
