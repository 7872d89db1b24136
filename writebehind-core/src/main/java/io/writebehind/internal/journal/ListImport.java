package io.writebehind.internal.journal;

import io.lettuce.core.ScriptOutputType;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Moves the head of another system's Valkey list into the journal as one write
 * ({@code import.lua}), for taking over a queue without losing or doubling a task when
 * the process dies midway. The list is one more key of the script, so on a cluster it
 * must share the written key's slot.
 */
public final class ListImport {
  static final Script IMPORT = Script.loadCalling("import", "write");

  private ListImport() {}

  /**
   * The write's result, or {@code null} when the list's first element is not {@code head}
   * (nothing was taken or written).
   */
  public static CompletableFuture<Journal.WriteResult> take(Journal journal, String list, byte[] head, String key,
      byte[] data, String meta, long journalLimit) {
    int p = journal.layout().partitionOf(key);
    String[] writeKeys = journal.writeKeys(p, key);
    String[] keys = Arrays.copyOf(writeKeys, writeKeys.length + 1);
    keys[writeKeys.length] = list;
    byte[][] writeArgs = journal.writeArgs(key, data, false, meta, journalLimit);
    byte[][] args = Arrays.copyOf(writeArgs, writeArgs.length + 1);
    args[writeArgs.length] = head;
    CompletableFuture<List<Object>> f = IMPORT.run(journal.connection(), ScriptOutputType.MULTI, keys, args);
    return f.thenApply(r -> switch (((Long) r.get(0)).intValue()) {
      case 1 -> new Journal.WriteResult(Fields.text(r.get(1)), -1, p);
      case 0 -> new Journal.WriteResult(null, (Long) r.get(1), p);
      default -> null;
    });
  }
}
