package io.writebehind.internal.engine;

import io.writebehind.admin.JournalReplay;
import io.writebehind.internal.journal.Journal;
import io.writebehind.internal.journal.RetainedEntries;
import java.util.regex.Pattern;

/** {@code Admin.replayJournal}: checks the request, then rewinds the partition's position. */
final class JournalReplays {
  private static final Pattern ENTRY_ID = Pattern.compile("\\d{1,19}(-\\d{1,19})?");

  private JournalReplays() {}

  static JournalReplay replay(Journal journal, int partition, String fromId, long timeoutMillis) {
    int partitions = journal.layout().partitions();
    if (partition < 0 || partition >= partitions) {
      throw new IllegalArgumentException("partition must be between 0 and " + (partitions - 1) + ", was " + partition);
    }
    if (fromId == null || !ENTRY_ID.matcher(fromId).matches()) {
      throw new IllegalArgumentException("the id to replay from must look like <ms>-<seq> or <ms>, was '" + fromId + "'");
    }
    RetainedEntries.Rewind r = Await.get(RetainedEntries.rewind(journal, partition, fromId), timeoutMillis, "replaying a journal");
    if (!r.handedBack()) {
      throw new IllegalArgumentException("partition " + partition + " retains no entry from " + fromId
          + " to its committed position " + r.committedId()
          + (r.firstId() == null ? " (its journal is empty)" : " (its oldest entry is " + r.firstId() + ")")
          + "; workers keep entries only with trimming off (worker --keep-journal)");
    }
    return new JournalReplay(partition, r.firstId(), r.committedId(), r.entries());
  }
}
