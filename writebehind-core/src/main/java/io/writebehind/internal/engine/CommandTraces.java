package io.writebehind.internal.engine;

import io.writebehind.admin.CommandTrace;
import io.writebehind.admin.ScriptCall;
import io.writebehind.internal.journal.Journal;
import io.writebehind.internal.journal.KeyLayout;
import io.writebehind.internal.journal.Scripts;

/** The commands behind each engine call for one key, spelled out from the same layout and scripts they run with. */
final class CommandTraces {
  private CommandTraces() {}

  static CommandTrace of(Journal journal, String key, ScriptCall write, long ttlMillis) {
    KeyLayout layout = journal.layout();
    int p = layout.partitionOf(key);
    String value = layout.valueKey(p, key);
    String read = "HMGET " + value + " d s + HEXISTS " + layout.dirtyKey(p) + " " + key + "   (one round trip)";
    String fill = "EVALSHA " + sha(Scripts.FILL.sha()) + " 1 " + value + " <value> " + ttlMillis
        + "   (fill.lua: HSET d <value> s c + PEXPIRE, only if still absent)";
    String drainRead = "XREADGROUP GROUP " + KeyLayout.GROUP + " <worker> COUNT <batch> NOACK STREAMS "
        + layout.journalKey(p) + " >";
    String ack = "EVALSHA " + sha(Scripts.ACK.flaggedSha()) + " " + 4 + " " + layout.journalKey(p) + " "
        + layout.dirtyKey(p) + " " + layout.committedKey(p) + " " + value + " ...   (ack.lua: PEXPIREAT now+" + ttlMillis
        + " + HDEL dirty if still that version, SET committed position past the batch, XTRIM MINID)";
    return new CommandTrace(read, fill, write, drainRead, ack);
  }

  private static String sha(String sha) {
    return sha.substring(0, 10) + "...";
  }
}
