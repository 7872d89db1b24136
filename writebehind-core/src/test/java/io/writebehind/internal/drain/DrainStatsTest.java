package io.writebehind.internal.drain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.writebehind.internal.journal.JournalEntry;
import io.writebehind.worker.WorkerListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DrainStatsTest {
  /**
   * Two partitions' journals give out the same entry ids; a batch holds several partitions.
   * Only the refused entry is a dead letter, not its namesake in the other partition.
   */
  @Test
  void aDeadLetterIsCountedForItsOwnEntryNotForTheSameIdInAnotherPartition() {
    List<String> told = new ArrayList<>();
    DrainStats stats = new DrainStats(new WorkerListener() {
      @Override
      public void deadLettered(String key, int entries, String reason) {
        told.add(key + " x" + entries + ": " + reason);
      }
    });
    JournalEntry refused = new JournalEntry(3, "1700000000000-0", "7", false, new byte[0], null);
    JournalEntry fine = new JournalEntry(5, "1700000000000-0", "5", false, new byte[0], null);
    Map<JournalEntry, String> reasons = DrainStats.deadLetterReasons();
    reasons.put(refused, "flight 7 is frozen");

    stats.deadLettered(List.of(fine, refused), reasons);

    assertEquals(List.of("7 x1: flight 7 is frozen"), told);
    assertEquals(1, stats.deadLetters());
  }
}
