package io.writebehind.internal.journal;

import io.writebehind.ValkeyConnection;
import io.writebehind.admin.ScriptCall;

import io.lettuce.core.Consumer;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The journal and cache operations of one namespace, each one round trip. */
public final class Journal {
  private static final byte[] EMPTY = new byte[0];

  private final ValkeyConnection connection;
  private final KeyLayout layout;

  /** The partition count as the scripts compare it with the partition's record. */
  private final byte[] partitionCount;
  /**
   * Per partition, the keys every increment names besides the counter's own, encoded: without
   * and with the committed position (see {@link #incrementKeys}).
   */
  private final byte[][][][] incrementKeys;
  /**
   * The increment's arguments that are the same on every call of one counters' instance
   * (limit, partition count, ttl, field count, fields), encoded once: see {@link #incrementArgs}.
   */
  private volatile IncrementArgs incrementArgs;

  private record IncrementArgs(String[] fields, long ttlMillis, long journalLimit, byte[][] head, byte[][] fieldBytes) {}

  public Journal(ValkeyConnection connection, KeyLayout layout) {
    this.connection = connection;
    this.layout = layout;
    this.partitionCount = Fields.bytes(Integer.toString(layout.partitions()));
    this.incrementKeys = new byte[layout.partitions()][][][];
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
    CompletableFuture<List<Object>> f = Scripts.WRITE.run(connection, ScriptOutputType.MULTI, writeKeys(p, key),
        writeArgs(key, data, delete, meta, journalLimit));
    return f.thenApply(r -> {
      long ok = (Long) r.get(0);
      if (ok == 1) {
        return new WriteResult(Fields.text(r.get(1)), -1, p);
      }
      return new WriteResult(null, (Long) r.get(1), p);
    });
  }

  String[] writeKeys(int p, String key) {
    return new String[] {layout.valueKey(p, key), layout.journalKey(p), layout.dirtyKey(p), layout.partitionKey(p)};
  }

  byte[][] writeArgs(String key, byte[] data, boolean delete, String meta, long journalLimit) {
    return new byte[][] {Fields.bytes(delete ? "d" : "p"), Fields.bytes(key), delete ? EMPTY : data,
        meta == null ? EMPTY : Fields.bytes(meta), Fields.bytes(Long.toString(journalLimit)), partitionCount};
  }

  /** The write script's call for these arguments, exactly as {@link #write} makes it. */
  public ScriptCall writeCall(String key, byte[] data, boolean delete, String meta, long journalLimit) {
    return new ScriptCall(Scripts.WRITE.name(), Scripts.WRITE.source(), Scripts.WRITE.sha(),
        List.of(writeKeys(layout.partitionOf(key), key)), List.of(writeArgs(key, data, delete, meta, journalLimit)));
  }

  /**
   * What the increment script did: the new totals (in the order asked) and the entry id,
   * or why it did nothing.
   */
  public record IncrementResult(Status status, String entryId, long[] totals, long journalLength) {
    public enum Status { DONE, JOURNAL_FULL, NEEDS_BASE, STALE_BASE }
  }

  /**
   * Adds the deltas to the cached counter and journals them in one step; with
   * {@code base != null} (the database's totals of the fields at position {@code basePosition})
   * a counter that is not cached is filled first from the base and the journal's deltas
   * after that position. All-zero deltas journal nothing: that is a read-through fill.
   */
  public CompletableFuture<IncrementResult> increment(String key, String[] fields, long[] deltas, String basePosition,
      long[] base, long ttlMillis, long journalLimit) {
    int p = layout.partitionOf(key);
    int n = fields.length;
    IncrementArgs same = incrementArgs(fields, ttlMillis, journalLimit);
    // Without a base the script needs neither the base's totals nor the committed position:
    // fewer arguments for the server to copy on every increment.
    byte[][] args = new byte[base == null ? 6 + 2 * n : 6 + 3 * n][];
    args[0] = Fields.bytes(key);
    args[1] = same.head()[0];
    args[2] = partitionCount;
    args[3] = same.head()[1];
    args[4] = base == null ? EMPTY : Fields.bytes(basePosition);
    args[5] = same.head()[2];
    for (int i = 0; i < n; i++) {
      args[6 + i] = same.fieldBytes()[i];
      args[6 + n + i] = Fields.bytes(Long.toString(deltas[i]));
      if (base != null) {
        args[6 + 2 * n + i] = Fields.bytes(Long.toString(base[i]));
      }
    }
    byte[][][] shared = incrementKeys(p);
    CompletableFuture<List<Object>> f = Scripts.INCREMENT.runList(connection, layout.valueKey(p, key),
        base == null ? shared[0] : shared[1], args);
    return f.thenApply(r -> incrementResult(r, n));
  }

  /**
   * The arguments every increment of these fields and settings shares, encoded once (a
   * counters' instance always passes the same ones); a race only encodes them twice.
   */
  private IncrementArgs incrementArgs(String[] fields, long ttlMillis, long journalLimit) {
    IncrementArgs a = incrementArgs;
    if (a == null || !java.util.Arrays.equals(a.fields(), fields) || a.ttlMillis() != ttlMillis || a.journalLimit() != journalLimit) {
      byte[][] fieldBytes = new byte[fields.length][];
      for (int i = 0; i < fields.length; i++) {
        fieldBytes[i] = Fields.bytes(fields[i]);
      }
      a = new IncrementArgs(fields.clone(), ttlMillis, journalLimit, new byte[][] {Fields.bytes(Long.toString(journalLimit)),
          Fields.bytes(Long.toString(ttlMillis)), Fields.bytes(Integer.toString(fields.length))}, fieldBytes);
      incrementArgs = a;
    }
    return a;
  }

  /**
   * The partition's journal, dirty versions, record and committed position, built once per
   * partition: an increment would otherwise build the same four names every time.
   */
  private byte[][][] incrementKeys(int p) {
    byte[][][] keys = incrementKeys[p];
    if (keys == null) {
      // A race only builds equal arrays twice.
      byte[][] all = {Fields.bytes(layout.journalKey(p)), Fields.bytes(layout.dirtyKey(p)),
          Fields.bytes(layout.partitionKey(p)), Fields.bytes(layout.committedKey(p))};
      keys = new byte[][][] {java.util.Arrays.copyOf(all, 3), all};
      incrementKeys[p] = keys;
    }
    return keys;
  }

  private static IncrementResult incrementResult(List<Object> r, int n) {
    long status = (Long) r.get(0);
    if (status == 0) {
      return new IncrementResult(IncrementResult.Status.JOURNAL_FULL, null, null, (Long) r.get(1));
    }
    if (status == 2 || status == 3) {
      return new IncrementResult(status == 2 ? IncrementResult.Status.NEEDS_BASE : IncrementResult.Status.STALE_BASE,
          null, null, -1);
    }
    long[] totals = new long[n];
    for (int i = 0; i < n; i++) {
      totals[i] = Long.parseLong(Fields.text(r.get(2 + i)));
    }
    String id = Fields.text(r.get(1));
    return new IncrementResult(IncrementResult.Status.DONE, id.isEmpty() ? null : id, totals, -1);
  }

  /**
   * Journals a run of events of one partition and updates their keys' latest event (and
   * recent list, when {@code recent > 0}) in one step: the entry ids in order, or none and
   * the journal's length when it is full.
   */
  public CompletableFuture<AppendResult> append(int partition, List<String> keys, List<byte[]> events, long ttlMillis,
      int recent, long journalLimit) {
    int n = keys.size();
    int per = recent > 0 ? 2 : 1;
    String[] k = new String[2 + per * n];
    k[0] = layout.journalKey(partition);
    k[1] = layout.partitionKey(partition);
    byte[][] args = new byte[5 + 2 * n][];
    args[0] = Fields.bytes(Long.toString(journalLimit));
    args[1] = partitionCount;
    args[2] = Fields.bytes(Long.toString(ttlMillis));
    args[3] = Fields.bytes(Integer.toString(recent));
    args[4] = Fields.bytes(Integer.toString(partition));
    for (int i = 0; i < n; i++) {
      String key = keys.get(i);
      k[2 + per * i] = layout.valueKey(partition, key);
      if (recent > 0) {
        k[3 + per * i] = layout.recentKey(partition, key);
      }
      args[5 + 2 * i] = Fields.bytes(key);
      args[6 + 2 * i] = events.get(i);
    }
    CompletableFuture<List<Object>> f = Scripts.APPEND.run(connection, ScriptOutputType.MULTI, k, args);
    return f.thenApply(r -> {
      if ((Long) r.get(0) == 0) {
        return new AppendResult(null, (Long) r.get(1));
      }
      String[] ids = new String[r.size() - 1];
      for (int i = 1; i < r.size(); i++) {
        ids[i - 1] = Fields.text(r.get(i));
      }
      return new AppendResult(ids, -1);
    });
  }

  /** The entry ids of appended events, or {@code null} with the journal's length when it was full. */
  public record AppendResult(String[] entryIds, long journalLength) {}

  /** A key's latest event ({@code d} the data, {@code v} its entry id), empty when none is cached. */
  public CompletableFuture<Map<String, byte[]>> latest(String key) {
    return redis().hgetall(layout.valueKey(key)).toCompletableFuture();
  }

  /** A key's recent events, newest first. */
  public CompletableFuture<List<byte[]>> recent(String key) {
    return redis().lrange(layout.recentKey(layout.partitionOf(key), key), 0, -1).toCompletableFuture();
  }

  /**
   * A counter's drift check against a database read at {@code position}: {@code null} when
   * it is not cached, an empty array when the journal was trimmed past the position since
   * (read again), else per field the cached total ({@code Long.MIN_VALUE} for none) followed
   * by per field the deltas journaled after the position.
   */
  public CompletableFuture<long[]> checkCounter(String key, String position, String[] fields) {
    int p = layout.partitionOf(key);
    byte[][] args = new byte[2 + fields.length][];
    args[0] = Fields.bytes(key);
    args[1] = Fields.bytes(position);
    for (int i = 0; i < fields.length; i++) {
      args[2 + i] = Fields.bytes(fields[i]);
    }
    CompletableFuture<List<Object>> f = Scripts.CHECK.run(connection, ScriptOutputType.MULTI,
        new String[] {layout.valueKey(p, key), layout.journalKey(p), layout.committedKey(p), layout.dirtyKey(p)}, args);
    return f.thenApply(r -> {
      long status = (Long) r.get(0);
      if (status == 0) {
        return null;
      }
      if (status == 3) {
        return new long[0];
      }
      long[] out = new long[2 * fields.length];
      for (int i = 0; i < out.length; i++) {
        String v = Fields.text(r.get(1 + i));
        out[i] = v.isEmpty() ? Long.MIN_VALUE : Long.parseLong(v);
      }
      return out;
    });
  }

  /**
   * Adds {@code delta} to a leaderboard member's score and journals it in one step; with a
   * base (member -> score in the database at {@code basePosition}) a board not cached is
   * filled first, with the journal's deltas after that position. An empty {@code member}
   * only fills. Status and totals as for {@link #increment}, one total: the member's score.
   */
  public CompletableFuture<IncrementResult> score(String boardKey, String member, long delta, String basePosition,
      Map<String, Long> base, long ttlMillis, long journalLimit) {
    int p = layout.partitionOf(boardKey);
    List<byte[]> args = new ArrayList<>();
    args.add(Fields.bytes(boardKey));
    args.add(Fields.bytes(Long.toString(journalLimit)));
    args.add(partitionCount);
    args.add(Fields.bytes(Long.toString(ttlMillis)));
    args.add(base == null ? EMPTY : Fields.bytes(basePosition));
    args.add(Fields.bytes(member));
    args.add(Fields.bytes(Long.toString(delta)));
    if (base != null) {
      base.forEach((m, score) -> {
        args.add(Fields.bytes(m));
        args.add(Fields.bytes(Long.toString(score)));
      });
    }
    String[] keys = {layout.valueKey(p, boardKey), layout.journalKey(p), layout.dirtyKey(p), layout.partitionKey(p),
        layout.committedKey(p)};
    CompletableFuture<List<Object>> f = Scripts.SCORE.run(connection, ScriptOutputType.MULTI, keys, args.toArray(new byte[0][]));
    return f.thenApply(r -> incrementResult(r, 1));
  }

  /** A leaderboard's {@code n} best members and scores, best first; empty when it is not cached. */
  public CompletableFuture<List<io.lettuce.core.ScoredValue<byte[]>>> top(String boardKey, int n) {
    return redis().zrevrangeWithScores(layout.valueKey(boardKey), 0, n - 1).toCompletableFuture();
  }

  /** Whether a leaderboard is cached. */
  public CompletableFuture<Boolean> boardCached(String boardKey) {
    return redis().exists(layout.valueKey(boardKey)).toCompletableFuture().thenApply(x -> x > 0);
  }

  /** A counter's cached totals (field -> total), empty when it is not cached. */
  public CompletableFuture<Map<String, byte[]>> counter(String key) {
    return redis().hgetall(layout.valueKey(key)).toCompletableFuture();
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
    CompletableFuture<Long> f = Scripts.FILL.run(connection, ScriptOutputType.INTEGER,
        new String[] {layout.valueKey(key)}, data, Fields.bytes(Long.toString(ttlMillis)));
    return f.thenApply(n -> n == 1);
  }

  /**
   * What a worker learns when it takes a partition.
   *
   * @param uncommitted whether a previous owner read entries and never committed them
   * @param epoch the partition record's epoch: it changes when everything of the partition
   *     vanished and was created anew
   * @param journalLosses how often the partition's journal was found gone, all told
   */
  public record Claim(boolean uncommitted, String epoch, long journalLosses) {}

  /**
   * Makes the partition's record and consumer group exist; a worker calls it when it takes
   * the partition. Counts a journal loss when the journal is gone while its record is not,
   * or when the record's epoch is not {@code knownEpoch} (the one this worker saw before),
   * unless {@code purged}. Fails when the record names another partition count.
   */
  public CompletableFuture<Claim> claim(int partition, String knownEpoch, boolean purged) {
    CompletableFuture<List<Object>> f = Scripts.CLAIM.run(connection, ScriptOutputType.MULTI,
        new String[] {layout.journalKey(partition), layout.committedKey(partition), layout.partitionKey(partition)},
        Fields.bytes(KeyLayout.GROUP), partitionCount, Fields.bytes(knownEpoch == null ? "" : knownEpoch),
        Fields.bytes(purged ? "1" : "0"));
    return f.thenApply(r -> new Claim((Long) r.get(0) == 1, Fields.text(r.get(1)), (Long) r.get(2)));
  }

  /**
   * After a failover that rolled the journal back behind the database's position
   * ({@code databasePosition}, an entry id): moves the journal's last id up to it, so no new
   * entry gets an id the database takes for one it has, and counts the rollback in the
   * partition's record. Completes with the journal's last id before the move, or null when
   * it was not behind.
   */
  public CompletableFuture<String> rolledBack(int partition, String databasePosition) {
    CompletableFuture<Object> f = Scripts.ROLLED_BACK.run(connection, ScriptOutputType.VALUE,
        new String[] {layout.journalKey(partition), layout.partitionKey(partition)},
        Fields.bytes(databasePosition), Fields.bytes(KeyLayout.GROUP));
    return f.thenApply(Fields::textOrNull);
  }

  /** Whether the namespace was purged in the last minutes (see {@link KeyLayout#purgedKey()}). */
  public CompletableFuture<Boolean> recentlyPurged() {
    return connection.async().exists(layout.purgedKey()).toCompletableFuture().thenApply(n -> n > 0);
  }

  public enum LeaseMode { ACQUIRE, RENEW, RELEASE }

  public CompletableFuture<Boolean> lease(int partition, String owner, long ttlMillis, LeaseMode mode) {
    CompletableFuture<Long> f = Scripts.LEASE.run(connection, ScriptOutputType.INTEGER,
        new String[] {layout.leaseKey(partition)}, Fields.bytes(owner), Fields.bytes(Long.toString(ttlMillis)),
        Fields.bytes(mode.name().toLowerCase(java.util.Locale.ROOT)));
    return f.thenApply(n -> n == 1);
  }

  /**
   * Up to {@code count} entries no worker has read yet. NOACK: the group keeps no list of
   * entries read and not committed; the committed position ({@link #ack}) stands in for it.
   */
  public CompletableFuture<List<JournalEntry>> readNew(int partition, String consumer, int count) {
    return redis().xreadgroup(Consumer.from(KeyLayout.GROUP, consumer), XReadArgs.Builder.count(count).noack(true),
            XReadArgs.StreamOffset.lastConsumed(layout.journalKey(partition)))
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
   * Up to {@code count} entries read by some worker and not committed since, oldest first:
   * what a worker reads after taking a partition over or after a batch failed.
   */
  public CompletableFuture<List<JournalEntry>> readUncommitted(int partition, int count) {
    CompletableFuture<List<Object>> f = Scripts.UNCOMMITTED.run(connection, ScriptOutputType.MULTI,
        new String[] {layout.journalKey(partition), layout.committedKey(partition)},
        Fields.bytes(KeyLayout.GROUP), Fields.bytes(Integer.toString(count)));
    return f.thenApply(r -> entries(partition, Fields.text(r.get(0)), (List<?>) r.get(1)));
  }

  /**
   * New entries of a partition, read after {@code after}: the group's last delivered entry
   * before the read. Everything up to it went to some worker, so a sink whose position is at
   * or past it sees the run leave no gap.
   *
   * @param entries each telling what came before it ({@link JournalEntry#after()}); null when
   *     another read moved the group first ({@link #readNewFrom}): nothing was delivered
   */
  public record NewEntries(String after, List<JournalEntry> entries) {
    /** Where the next read starts: the last entry read, or where this one started. */
    public String last() {
      return entries == null || entries.isEmpty() ? after : entries.get(entries.size() - 1).id();
    }
  }

  /**
   * As {@link #readNew}, each entry telling what came before it ({@link JournalEntry#after()}):
   * what a sink that keeps its own position needs to know that a batch leaves no gap. One
   * script, whose reply of whole entries costs the server ten times the read itself: the
   * reader's first read, before it knows where the group stands ({@link #readNewFrom} then).
   */
  public CompletableFuture<NewEntries> readNewAfter(int partition, String consumer, int count) {
    CompletableFuture<List<Object>> f = Scripts.READ_NEW.run(connection, ScriptOutputType.MULTI,
        new String[] {layout.journalKey(partition)},
        Fields.bytes(KeyLayout.GROUP), Fields.bytes(consumer), Fields.bytes(Integer.toString(count)));
    return f.thenApply(r -> {
      String after = Fields.text(r.get(0));
      return new NewEntries(after, entries(partition, after, (List<?>) r.get(1)));
    });
  }

  /**
   * As {@link #readNewAfter}, for a reader that knows the group's last delivered entry
   * ({@code after}, where its previous read ended): a plain {@code XRANGE}, decoded straight
   * into entries, then a small script that moves the group past them only if it still stands
   * at {@code after} ({@code deliver.lua}). Entries come back null when another read came
   * between: a worker that lost the partition, or one that read before this one's previous
   * read was delivered.
   */
  public CompletableFuture<NewEntries> readNewFrom(int partition, String after, int count) {
    String journalKey = layout.journalKey(partition);
    CommandArgs<String, byte[]> args = new CommandArgs<>(ValkeyConnection.CODEC).addKey(journalKey)
        .add("(" + after).add("+").add("COUNT").add(count);
    CompletableFuture<List<JournalEntry>> read = redis()
        .dispatch(CommandType.XRANGE, new JournalEntriesOutput(partition, after), args).toCompletableFuture();
    return read.thenCompose(entries -> {
      String last = entries.isEmpty() ? after : entries.get(entries.size() - 1).id();
      CompletableFuture<Long> delivered = Scripts.DELIVER.run(connection, ScriptOutputType.INTEGER,
          new String[] {journalKey}, Fields.bytes(KeyLayout.GROUP), Fields.bytes(after), Fields.bytes(last));
      return delivered.thenApply(ok -> new NewEntries(after, ok == 1 ? entries : null));
    });
  }

  /** Stream entries as a script returns them, each after the one before it (the first after {@code after}). */
  private static List<JournalEntry> entries(int partition, String after, List<?> rows) {
    List<JournalEntry> out = new ArrayList<>(rows.size());
    String previous = after;
    for (Object row : rows) {
      List<?> entry = (List<?>) row;
      List<?> fields = (List<?>) entry.get(1);
      byte[][] kodmv = new byte[5][];
      for (int i = 0; i + 1 < fields.size(); i += 2) {
        String name = Fields.text(fields.get(i));
        int at = name.length() == 1 ? JournalEntry.fieldIndex(name.charAt(0)) : -1;
        if (at >= 0) {
          kodmv[at] = (byte[]) fields.get(i + 1);
        }
      }
      String id = Fields.text(entry.get(0));
      out.add(JournalEntry.of(partition, id, kodmv[0], kodmv[1], kodmv[2], kodmv[3], kodmv[4], previous));
      previous = id;
    }
    return out;
  }

  /**
   * What an acknowledgement did: values marked clean, whether the position moved past the
   * batch, and whether the partition's dirty versions could not be read (a key of another
   * type in their place: the values then keep no TTL).
   */
  public record AckResult(long markedClean, boolean committed, boolean marksUnreadable) {}

  /**
   * After their commit: moves the partition's committed position past the batch's entries
   * {@code firstId..lastId} (a contiguous run of the journal, dead letters included), and
   * lets each flushed value expire unless a newer write came. {@code flushed}: the newest
   * entry of each key the database took. The position stays where it is when an entry
   * before {@code firstId} was read and never committed ({@link AckResult#committed()} false).
   */
  public CompletableFuture<AckResult> ack(
      int partition, String firstId, String lastId, List<JournalEntry> flushed, long ttlMillis, boolean trim) {
    String[] keys = new String[3 + flushed.size()];
    keys[0] = layout.journalKey(partition);
    keys[1] = layout.dirtyKey(partition);
    keys[2] = layout.committedKey(partition);
    byte[][] args = new byte[6 + flushed.size()][];
    args[0] = Fields.bytes(Long.toString(ttlMillis));
    args[1] = Fields.bytes(firstId);
    args[2] = Fields.bytes(lastId);
    int i = 3;
    byte[] ops = new byte[flushed.size()];
    for (int j = 0; j < flushed.size(); j++) {
      JournalEntry e = flushed.get(j);
      keys[j + 3] = layout.valueKey(partition, e.key());
      args[i++] = Fields.bytes(e.versionId());
      ops[j] = (byte) (e.delete() ? 'd' : 'p');
    }
    args[i++] = ops;
    args[i++] = Fields.bytes(Integer.toString(Fields.bytes(layout.valuePrefix(partition)).length));
    args[i] = Fields.bytes(trim ? "1" : "0");
    CompletableFuture<List<Object>> f = Scripts.ACK.run(connection, ScriptOutputType.MULTI, keys, args);
    return f.thenApply(r -> new AckResult((Long) r.get(0), ((Long) r.get(1)) == 1, ((Long) r.get(2)) == 1));
  }

  /** A version for a write that bypasses the journal: ordered with the partition's entries. */
  public CompletableFuture<String> reserveVersion(int partition) {
    CompletableFuture<Object> f = Scripts.RESERVE.run(connection, ScriptOutputType.VALUE, new String[] {layout.journalKey(partition)});
    return f.thenApply(Fields::text);
  }

  /** After a write-through commit: cache the committed value unless a newer write is there. */
  public CompletableFuture<Boolean> settle(String key, String entryId, boolean delete, byte[] data, long ttlMillis) {
    int p = layout.partitionOf(key);
    CompletableFuture<Long> f = Scripts.SETTLE.run(connection, ScriptOutputType.INTEGER,
        new String[] {layout.valueKey(p, key), layout.dirtyKey(p)},
        Fields.bytes(entryId), Fields.bytes(delete ? "d" : "p"), delete ? EMPTY : data, Fields.bytes(Long.toString(ttlMillis)),
        Fields.bytes(key));
    return f.thenApply(n -> n == 1);
  }

  /** Moves an entry that can never be applied from the journal to the dead-letter stream. */
  public CompletableFuture<Long> deadLetter(JournalEntry entry, String error, int attempts, long nowMillis) {
    int p = entry.partition();
    String[] keys = {layout.journalKey(p), layout.deadLetterKey(p)};
    return Scripts.DEAD_LETTER.run(connection, ScriptOutputType.INTEGER, keys,
        Fields.bytes(entry.id()), Fields.bytes(entry.key() == null ? "" : entry.key()),
        Fields.bytes(entry.delete() ? "d" : "p"), entry.data(), Fields.bytes(entry.meta() == null ? "" : entry.meta()),
        Fields.bytes(error == null ? "" : error), Fields.bytes(Integer.toString(attempts)), Fields.bytes(Long.toString(nowMillis)),
        Fields.bytes(entry.versionId()));
  }

  /**
   * Entry counts, lease and lag of one partition; with a mark, whether all up to it is
   * flushed. Pending and unflushed entries are counted (reads of up to 10,000 entries each)
   * only when asked: a flush polls without them.
   */
  public CompletableFuture<PartitionProgress> progress(int partition, String mark, boolean count) {
    String[] keys = {layout.journalKey(partition), layout.leaseKey(partition), layout.deadLetterKey(partition),
        layout.committedKey(partition), layout.partitionKey(partition)};
    CompletableFuture<List<Object>> f = Scripts.PROGRESS.run(connection, ScriptOutputType.MULTI, keys,
        Fields.bytes(KeyLayout.GROUP), Fields.bytes(mark == null ? "" : mark), Fields.bytes(count ? "1" : "0"));
    return f.thenApply(r -> new PartitionProgress(
        partition, (Long) r.get(0), (Long) r.get(1), Fields.textOrNull((r.get(2))), Fields.textOrNull((r.get(3))),
        Fields.textOrNull((r.get(4))), Fields.textOrNull((r.get(5))), (Long) r.get(6), (Long) r.get(7),
        ((Long) r.get(8)) == 1, Fields.textOrNull(r.get(9)), (Long) r.get(10), (Long) r.get(11), (Long) r.get(12),
        (Long) r.get(13)));
  }
}
