package io.writebehind.internal.drain;

import io.writebehind.internal.journal.JournalEntry;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds a batch's journal entries into one per key: the highest version wins, and it
 * remembers how many entries it stands for. Pure, so it is tested without servers.
 */
final class Coalescer {
  private Coalescer() {}

  /** A key's newest entry in the batch and how many entries of the key the batch held. */
  record Folded(JournalEntry newest, int count) {}

  static Collection<Folded> fold(List<JournalEntry> entries) {
    Map<String, Folded> byKey = new LinkedHashMap<>();
    for (JournalEntry e : entries) {
      if (e.malformed()) {
        continue;
      }
      Folded f = byKey.get(e.key());
      if (f == null) {
        byKey.put(e.key(), new Folded(e, 1));
      } else {
        JournalEntry newest = e.version() > f.newest().version() ? e : f.newest();
        byKey.put(e.key(), new Folded(newest, f.count() + 1));
      }
    }
    return byKey.values();
  }
}
