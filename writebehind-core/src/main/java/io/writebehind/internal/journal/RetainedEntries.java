package io.writebehind.internal.journal;

import io.lettuce.core.ScriptOutputType;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A partition's acknowledged entries kept in its journal (workers with trimming off), handed
 * back to the workers to be applied again ({@code rewind.lua}).
 */
public final class RetainedEntries {
  static final Script REWIND = Script.load("rewind");

  /**
   * What a rewind did: {@code handedBack} false when no retained entry was at or after the id
   * (then {@code firstId} is the journal's oldest entry, or null, and {@code entries} 0).
   */
  public record Rewind(boolean handedBack, String firstId, String committedId, long entries) {}

  private RetainedEntries() {}

  /** Moves the partition's committed position back to just before the first entry at or after {@code fromId}. */
  public static CompletableFuture<Rewind> rewind(Journal journal, int partition, String fromId) {
    KeyLayout layout = journal.layout();
    String[] keys = {layout.journalKey(partition), layout.committedKey(partition)};
    return REWIND.<List<Object>>run(journal.connection(), ScriptOutputType.MULTI, keys, Fields.bytes(fromId))
        .thenApply(r -> {
          if (Fields.text(r.get(0)).equals("ok")) {
            return new Rewind(true, Fields.text(r.get(1)), Fields.text(r.get(2)), (Long) r.get(3));
          }
          String oldest = Fields.text(r.get(2));
          return new Rewind(false, oldest.isEmpty() ? null : oldest, Fields.text(r.get(1)), 0);
        });
  }
}
