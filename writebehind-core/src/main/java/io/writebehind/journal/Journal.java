package io.writebehind.journal;

import io.lettuce.core.Consumer;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The journal and cache operations of one namespace, each one round trip. */
public final class Journal {
  private static final byte[] EMPTY = new byte[0];

  private final ValkeyConnection connection;
  private final KeyLayout layout;

  public Journal(ValkeyConnection connection, KeyLayout layout) {
    this.connection = connection;
    this.layout = layout;
  }

  public KeyLayout layout() {
    return layout;
  }

  public ValkeyConnection connection() {
    return connection;
  }

  private RedisClusterAsyncCommands<String, byte[]> redis() {
    return connection.async();
  }

  /** Result of the write script: the entry id, or the journal length if it was full. */
  public record WriteResult(String entryId, long journalLength, int partition) {
    public boolean accepted() {
      return entryId != null;
    }
  }

  public CompletableFuture<WriteResult> write(String key, byte[] data, boolean delete, String meta, long journalLimit) {
    int p = layout.partitionOf(key);
    String[] keys = {layout.valueKey(p, key), layout.journalKey(p), layout.dirtyKey(p)};
    CompletableFuture<List<Object>> f = Scripts.WRITE.run(redis(), ScriptOutputType.MULTI, keys,
        Fields.bytes(delete ? "d" : "p"), Fields.bytes(key), delete ? EMPTY : data,
        meta == null ? EMPTY : Fields.bytes(meta), Fields.bytes(Long.toString(journalLimit)));
    return f.thenApply(r -> {
      long ok = (Long) r.get(0);
      if (ok == 1) {
        return new WriteResult(Fields.text(r.get(1)), -1, p);
      }
      return new WriteResult(null, (Long) r.get(1), p);
    });
  }

  /** A cached entry: its data, or {@code deleted} for a delete not yet flushed. */
  public record Cached(byte[] data, boolean deleted, boolean dirty) {}

  /** One HMGET; {@link Cached#dirty()} is not known and reads false (see {@link #readWithState}). */
  public CompletableFuture<Cached> read(String key) {
    return hmget(layout.valueKey(key)).thenApply(kvs -> cached(kvs, false));
  }

  /**
   * Also tells whether the value still waits for its flush: the value and its dirty mark are
   * two commands sent together (one round trip), not one snapshot, so a flush landing
   * between them can show a just-flushed value as dirty or the other way round.
   */
  public CompletableFuture<Cached> readWithState(String key) {
    int p = layout.partitionOf(key);
    String valueKey = layout.valueKey(p, key);
    CompletableFuture<List<KeyValue<String, byte[]>>> value = hmget(valueKey);
    CompletableFuture<Boolean> dirty = redis().hexists(layout.dirtyKey(p), key).toCompletableFuture();
    return value.thenCombine(dirty, (kvs, d) -> cached(kvs, d));
  }

  private CompletableFuture<List<KeyValue<String, byte[]>>> hmget(String valueKey) {
    return redis().hmget(valueKey, "d", "s").toCompletableFuture();
  }

  private static Cached cached(List<KeyValue<String, byte[]>> kvs, boolean dirty) {
    byte[] state = kvs.get(1).getValueOrElse(null);
    if (state == null) {
      return null;
    }
    return new Cached(kvs.get(0).getValueOrElse(EMPTY), "d".equals(Fields.text(state)), dirty);
  }

  public CompletableFuture<Boolean> fill(String key, byte[] data, long ttlMillis) {
    CompletableFuture<Long> f = Scripts.FILL.run(redis(), ScriptOutputType.INTEGER,
        new String[] {layout.valueKey(key)}, data, Fields.bytes(Long.toString(ttlMillis)));
    return f.thenApply(n -> n == 1);
  }

  public CompletableFuture<Long> claim(int partition, String consumer) {
    return Scripts.CLAIM.run(redis(), ScriptOutputType.INTEGER, new String[] {layout.journalKey(partition)},
        Fields.bytes(KeyLayout.GROUP), Fields.bytes(consumer));
  }

  public enum LeaseMode { ACQUIRE, RENEW, RELEASE }

  public CompletableFuture<Boolean> lease(int partition, String owner, long ttlMillis, LeaseMode mode) {
    CompletableFuture<Long> f = Scripts.LEASE.run(redis(), ScriptOutputType.INTEGER,
        new String[] {layout.leaseKey(partition)}, Fields.bytes(owner), Fields.bytes(Long.toString(ttlMillis)),
        Fields.bytes(mode.name().toLowerCase(java.util.Locale.ROOT)));
    return f.thenApply(n -> n == 1);
  }

  /**
   * Reads up to {@code count} entries for {@code consumer}: new ones, or with
   * {@code ownPending} the ones already delivered to it and not yet acknowledged.
   */
  public CompletableFuture<List<JournalEntry>> readGroup(int partition, String consumer, int count, boolean ownPending) {
    String stream = layout.journalKey(partition);
    XReadArgs.StreamOffset<String> offset = ownPending
        ? XReadArgs.StreamOffset.from(stream, "0")
        : XReadArgs.StreamOffset.lastConsumed(stream);
    return redis().xreadgroup(Consumer.from(KeyLayout.GROUP, consumer), XReadArgs.Builder.count(count), offset)
        .toCompletableFuture()
        .thenApply(messages -> {
          List<JournalEntry> out = new ArrayList<>(messages.size());
          for (StreamMessage<String, byte[]> m : messages) {
            out.add(JournalEntry.fromFields(partition, m.getId(), m.getBody()));
          }
          return out;
        });
  }

  /**
   * After their commit: acknowledges entries of one partition, and lets each flushed value
   * expire unless a newer write came. {@code flushed}: the newest entry of each key the
   * database took; returns how many of those values were marked clean.
   */
  public CompletableFuture<Long> ack(
      int partition, List<String> entryIds, List<JournalEntry> flushed, long ttlMillis, boolean trim) {
    String[] keys = new String[2 + flushed.size()];
    keys[0] = layout.journalKey(partition);
    keys[1] = layout.dirtyKey(partition);
    byte[][] args = new byte[6 + entryIds.size() + flushed.size()][];
    args[0] = Fields.bytes(KeyLayout.GROUP);
    args[1] = Fields.bytes(Long.toString(ttlMillis));
    args[2] = Fields.bytes(Integer.toString(entryIds.size()));
    int i = 3;
    for (String id : entryIds) {
      args[i++] = Fields.bytes(id);
    }
    byte[] ops = new byte[flushed.size()];
    for (int j = 0; j < flushed.size(); j++) {
      JournalEntry e = flushed.get(j);
      keys[j + 2] = layout.valueKey(partition, e.key());
      args[i++] = Fields.bytes(e.versionId());
      ops[j] = (byte) (e.delete() ? 'd' : 'p');
    }
    args[i++] = ops;
    args[i++] = Fields.bytes(Integer.toString(Fields.bytes(layout.valuePrefix(partition)).length));
    args[i] = Fields.bytes(trim ? "1" : "0");
    return Scripts.ACK.run(redis(), ScriptOutputType.INTEGER, keys, args);
  }

  /** A version for a write that bypasses the journal: ordered with the partition's entries. */
  public CompletableFuture<String> reserveVersion(int partition) {
    CompletableFuture<Object> f = Scripts.RESERVE.run(redis(), ScriptOutputType.VALUE, new String[] {layout.journalKey(partition)});
    return f.thenApply(Fields::text);
  }

  /** After a write-through commit: cache the committed value unless a newer write is there. */
  public CompletableFuture<Boolean> settle(String key, String entryId, boolean delete, byte[] data, long ttlMillis) {
    int p = layout.partitionOf(key);
    CompletableFuture<Long> f = Scripts.SETTLE.run(redis(), ScriptOutputType.INTEGER,
        new String[] {layout.valueKey(p, key), layout.dirtyKey(p)},
        Fields.bytes(entryId), Fields.bytes(delete ? "d" : "p"), delete ? EMPTY : data, Fields.bytes(Long.toString(ttlMillis)),
        Fields.bytes(key));
    return f.thenApply(n -> n == 1);
  }

  /** Moves an entry that can never be applied to the dead-letter stream and acknowledges it. */
  public CompletableFuture<Long> deadLetter(JournalEntry entry, String error, int attempts, long nowMillis) {
    int p = entry.partition();
    String[] keys = {layout.journalKey(p), layout.deadLetterKey(p)};
    return Scripts.DEAD_LETTER.run(redis(), ScriptOutputType.INTEGER, keys,
        Fields.bytes(KeyLayout.GROUP), Fields.bytes(entry.id()), Fields.bytes(entry.key() == null ? "" : entry.key()),
        Fields.bytes(entry.delete() ? "d" : "p"), entry.data(), Fields.bytes(entry.meta() == null ? "" : entry.meta()),
        Fields.bytes(error == null ? "" : error), Fields.bytes(Integer.toString(attempts)), Fields.bytes(Long.toString(nowMillis)),
        Fields.bytes(entry.versionId()));
  }

  /** Entry counts, lease and lag of one partition; with a mark, whether all up to it is flushed. */
  public CompletableFuture<PartitionProgress> progress(int partition, String mark) {
    String[] keys = {layout.journalKey(partition), layout.leaseKey(partition), layout.deadLetterKey(partition)};
    CompletableFuture<List<Object>> f = Scripts.PROGRESS.run(redis(), ScriptOutputType.MULTI, keys,
        Fields.bytes(KeyLayout.GROUP), Fields.bytes(mark == null ? "" : mark));
    return f.thenApply(r -> new PartitionProgress(
        partition, (Long) r.get(0), (Long) r.get(1), Fields.textOrNull((r.get(2))), Fields.textOrNull((r.get(3))),
        Fields.textOrNull((r.get(4))), Fields.textOrNull((r.get(5))), (Long) r.get(6), (Long) r.get(7),
        ((Long) r.get(8)) == 1));
  }
}
