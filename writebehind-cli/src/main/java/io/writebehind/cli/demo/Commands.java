package io.writebehind.cli.demo;

import io.writebehind.engine.WriteBehindOptions;
import io.writebehind.journal.KeyLayout;
import io.writebehind.journal.Scripts;

/** The Valkey commands behind each engine call, spelled out for the verbose demo. */
final class Commands {
  private final KeyLayout layout;
  private final long ttlMillis;
  private final String key;

  Commands(WriteBehindOptions options, long flightId) {
    this.layout = new KeyLayout(options.namespace(), options.partitions());
    this.ttlMillis = options.ttl().toMillis();
    this.key = Long.toString(flightId);
  }

  String valueKey() {
    return layout.valueKey(key);
  }

  String dirtyKey() {
    return layout.dirtyKey(layout.partitionOf(key));
  }

  String committedKey() {
    return layout.committedKey(layout.partitionOf(key));
  }

  String journalKey() {
    return layout.journalKey(layout.partitionOf(key));
  }

  String read() {
    return "HMGET " + valueKey() + " d s + HEXISTS " + dirtyKey() + " " + key + "   (one round trip)";
  }

  String fill() {
    return "EVALSHA " + sha(Scripts.FILL.sha()) + " 1 " + valueKey() + " <json> " + ttlMillis
        + "   (fill.lua: HSET d <json> s c + PEXPIRE, only if still absent)";
  }

  String write() {
    return "EVALSHA " + sha(Scripts.WRITE.sha()) + " 4 " + valueKey() + " " + journalKey() + " " + dirtyKey() + " "
        + layout.partitionKey(layout.partitionOf(key)) + " p " + key + " <json> <meta> <limit> " + layout.partitions()
        + "   (write.lua: check the partition count, XADD journal, HSET value+version, PERSIST, HSET dirty version:"
        + " one atomic step)";
  }

  String readGroup(String worker) {
    return "XREADGROUP GROUP " + KeyLayout.GROUP + " " + worker + " COUNT 1000 NOACK STREAMS " + journalKey() + " >";
  }

  String ack() {
    return "EVALSHA " + sha(Scripts.ACK.flaggedSha()) + " 4 " + journalKey() + " " + dirtyKey() + " " + committedKey() + " " + valueKey()
        + " ...   (ack.lua: PEXPIREAT now+" + ttlMillis + " + HDEL dirty if still that version,"
        + " SET committed position past the batch, XTRIM MINID)";
  }

  private static String sha(String sha) {
    return sha.substring(0, 10) + "...";
  }
}
