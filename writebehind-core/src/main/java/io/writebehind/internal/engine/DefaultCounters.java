package io.writebehind.internal.engine;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.writebehind.CounterDrift;
import io.writebehind.CounterLoadException;
import io.writebehind.CounterOverflowException;
import io.writebehind.Counters;
import io.writebehind.JournalFullException;
import io.writebehind.KeyCodec;
import io.writebehind.KeyTooLargeException;
import io.writebehind.WriteBehindException;
import io.writebehind.admin.Admin;
import io.writebehind.internal.drain.DeltaBatchProcessor;
import io.writebehind.internal.journal.Journal;
import io.writebehind.internal.journal.Journal.IncrementResult;
import io.writebehind.internal.journal.KeyLayout;
import io.writebehind.internal.journal.Versions;
import io.lettuce.core.ScoredValue;
import io.writebehind.Score;
import io.writebehind.sink.BoardRows;
import java.util.function.Function;
import java.util.function.Supplier;
import io.writebehind.sink.CounterRow;
import io.writebehind.sink.CounterSink;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Counters on the engine's namespace machinery (settings, flush, status, workers): an
 * increment is one script, and a counter not cached is first read from the sink with its
 * partition's position, then filled with the journal's deltas after it in the same script.
 */
public final class DefaultCounters<K> implements Counters<K> {
  /** Every total and delta stays within this, so the scripts' numbers are exact. */
  public static final long MAX = (1L << 53) - 1;
  /** Reads of a base that a commit overtook before it reached the cache, tried again up to this. */
  private static final int BASE_TRIES = 5;

  private final DefaultWriteBehind<K, byte[]> engine;
  private final Journal journal;
  private final KeyCodec<K> keys;
  private final CounterSink<K> sink;
  private final String[] fields;
  private final Map<String, Integer> index = new HashMap<>();
  private final long timeoutMillis;

  public DefaultCounters(DefaultWriteBehind<K, byte[]> engine, KeyCodec<K> keys, List<String> fields, CounterSink<K> sink) {
    this.engine = engine;
    this.journal = engine.journal();
    this.keys = keys;
    this.sink = sink;
    this.fields = fields.toArray(new String[0]);
    for (int i = 0; i < this.fields.length; i++) {
      index.put(this.fields[i], i);
    }
    this.timeoutMillis = engine.options().commandTimeout().toMillis();
  }

  /** One field: the same as the map form, without a map in and a map out on the hot path. */
  @Override
  public long increment(K key, String field, long delta) {
    long[] d = new long[fields.length];
    int at = fieldIndex(field, delta);
    d[at] = delta;
    return run(key, d, "increment")[at];
  }

  @Override
  public Map<String, Long> increment(K key, Map<String, Long> deltas) {
    if (deltas.isEmpty()) {
      throw new IllegalArgumentException("no field to increment");
    }
    long[] d = new long[fields.length];
    for (Map.Entry<String, Long> e : deltas.entrySet()) {
      long delta = e.getValue();
      d[fieldIndex(e.getKey(), delta)] = delta;
    }
    long[] totals = run(key, d, "increment");
    Map<String, Long> out = new LinkedHashMap<>();
    for (String f : deltas.keySet()) {
      out.put(f, totals[index.get(f)]);
    }
    return out;
  }

  /** The field's place in {@link #fields}; refuses a field not declared or a delta out of range. */
  private int fieldIndex(String field, long delta) {
    Integer at = index.get(field);
    if (at == null) {
      throw new IllegalArgumentException("field '" + field + "' is not one of " + fields());
    }
    if (delta > MAX || delta < -MAX) {
      throw new CounterOverflowException("delta " + delta + " of '" + field + "' is beyond +-(2^53 - 1)");
    }
    return at;
  }

  @Override
  public Map<String, Long> get(K key) {
    Map<String, byte[]> cached = Await.get(journal.counter(encode(key)), timeoutMillis, "reading a counter");
    long[] totals = new long[fields.length];
    if (cached.isEmpty()) {
      // A fill is an increment by nothing: the same script reads the base and the journal.
      totals = run(key, new long[fields.length], "reading a counter");
    } else {
      for (int i = 0; i < fields.length; i++) {
        byte[] v = cached.get(fields[i]);
        totals[i] = v == null ? 0 : Long.parseLong(new String(v, StandardCharsets.UTF_8));
      }
    }
    Map<String, Long> out = new LinkedHashMap<>();
    for (int i = 0; i < fields.length; i++) {
      out.put(fields[i], totals[i]);
    }
    return out;
  }

  /** The script, then, for a counter not cached, the sink's row and the script again with it. */
  private long[] run(K key, long[] deltas, String what) {
    String encoded = encode(key);
    boolean any = false;
    for (long d : deltas) {
      any |= d != 0;
    }
    IncrementResult r = withBase(encoded, what, row -> call(encoded, deltas, (CounterRow) row), () -> load(key, encoded));
    return done(r, encoded, any, what).totals();
  }

  /**
   * Runs a script; while it asks for a base (the key is not cached, or a commit overtook
   * the base read), reads the base from the database and runs it again with it.
   */
  private IncrementResult withBase(String encoded, String what, Function<Object, CompletableFuture<IncrementResult>> call,
      Supplier<Object> base) {
    IncrementResult r = Await.write(call.apply(null), timeoutMillis, what);
    for (int tries = 0; r.status() == IncrementResult.Status.NEEDS_BASE || r.status() == IncrementResult.Status.STALE_BASE;
        tries++) {
      if (tries == BASE_TRIES) {
        throw new WriteBehindException(what + " of " + encoded + ": the database's position moved " + BASE_TRIES
            + " times while it was read; nothing stored, try again");
      }
      r = Await.write(call.apply(base.get()), timeoutMillis, what);
    }
    return r;
  }

  /** A full journal thrown; the durability asked for waited for when something was journaled. */
  private IncrementResult done(IncrementResult r, String encoded, boolean journaled, String what) {
    if (r.status() == IncrementResult.Status.JOURNAL_FULL) {
      throw new JournalFullException(journal.layout().partitionOf(encoded), r.journalLength(),
          engine.options().maxJournalLength());
    }
    if (journaled && engine.options().durability().waits()) {
      Await.write(engine.writePath().durable(
          List.of(journal.layout().journalKey(journal.layout().partitionOf(encoded))), Versions.fromEntryId(r.entryId())), timeoutMillis, what);
    }
    return r;
  }

  @Override
  public long incrementScore(String board, K member, long delta) {
    if (delta > MAX || delta < -MAX) {
      throw new CounterOverflowException("delta " + delta + " is beyond +-(2^53 - 1)");
    }
    String boardKey = boardKey(board);
    String m = keys.encodeKey(member);
    if (m.isEmpty()) {
      throw new IllegalArgumentException("a member's key must not be empty");
    }
    IncrementResult r = withBase(boardKey, "incrementScore",
        rows -> callScore(boardKey, m, delta, (BoardRows<K>) rows), () -> loadBoard(board, boardKey));
    return done(r, boardKey, delta != 0, "incrementScore").totals()[0];
  }

  @Override
  public List<Score<K>> top(String board, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, was " + n);
    }
    String boardKey = boardKey(board);
    if (!Await.get(journal.boardCached(boardKey), timeoutMillis, "top")) {
      withBase(boardKey, "top", rows -> callScore(boardKey, "", 0, (BoardRows<K>) rows), () -> loadBoard(board, boardKey));
    }
    List<Score<K>> out = new ArrayList<>();
    for (ScoredValue<byte[]> v : Await.get(journal.top(boardKey, n), timeoutMillis, "top")) {
      out.add(new Score<>(keys.decodeKey(new String(v.getValue(), StandardCharsets.UTF_8)), (long) v.getScore()));
    }
    return out;
  }

  private CompletableFuture<IncrementResult> callScore(String boardKey, String member, long delta, BoardRows<K> rows) {
    Map<String, Long> base = null;
    String position = null;
    if (rows != null) {
      base = new LinkedHashMap<>();
      for (Map.Entry<K, Long> e : rows.scores().entrySet()) {
        base.put(keys.encodeKey(e.getKey()), e.getValue());
      }
      position = Versions.toEntryId(rows.position());
    }
    return overflowChecked(journal.score(boardKey, member, delta, position, base, engine.options().ttl().toMillis(),
        engine.options().maxJournalLength()), boardKey);
  }

  private BoardRows<K> loadBoard(String board, String boardKey) {
    if (sink == null) {
      throw new IllegalStateException("leaderboard " + board + " is not cached, and reading it needs a sink: set one on the builder");
    }
    try {
      return sink.loadBoard(journal.layout().namespace(), journal.layout().partitionOf(boardKey), board);
    } catch (UnsupportedOperationException e) {
      throw e;
    } catch (Exception e) {
      throw new CounterLoadException("leaderboard " + board + " is not cached and could not be read: " + e.getMessage(), e);
    }
  }

  private static final java.util.regex.Pattern BOARD = java.util.regex.Pattern.compile("[A-Za-z0-9_.:\\-]{1,64}");

  private static String boardKey(String board) {
    if (board == null || !BOARD.matcher(board).matches()) {
      throw new IllegalArgumentException("board must match [A-Za-z0-9_.:-]{1,64}, was "
          + (board == null ? "null" : "'" + board + "'"));
    }
    return KeyLayout.boardKey(board);
  }

  private CompletableFuture<IncrementResult> call(String encoded, long[] deltas, CounterRow row) {
    long[] base = null;
    String position = null;
    if (row != null) {
      base = new long[fields.length];
      for (int i = 0; i < fields.length; i++) {
        base[i] = row.totals().getOrDefault(fields[i], 0L);
      }
      position = Versions.toEntryId(row.position());
    }
    return overflowChecked(journal.increment(encoded, fields, deltas, position, base, engine.options().ttl().toMillis(),
        engine.options().maxJournalLength()), encoded);
  }

  /** The script's overflow refusal as {@link CounterOverflowException}. */
  private static CompletableFuture<IncrementResult> overflowChecked(CompletableFuture<IncrementResult> f, String encoded) {
    return f.handle((r, e) -> {
      if (e == null) {
        return r;
      }
      Throwable cause = WritePath.unwrap(e);
      String message = String.valueOf(cause.getMessage());
      int at = message.indexOf("WBOVERFLOW ");
      if (at >= 0) {
        throw new CounterOverflowException("key " + encoded + ": " + message.substring(at + "WBOVERFLOW ".length()));
      }
      throw cause instanceof RuntimeException re ? re : new CompletionException(cause);
    });
  }

  private CounterRow load(K key, String encoded) {
    if (sink == null) {
      throw new IllegalStateException("counter " + encoded + " is not cached, and reading it needs a sink: set one on the builder");
    }
    try {
      return sink.load(journal.layout().namespace(), journal.layout().partitionOf(encoded), key, fields());
    } catch (Exception e) {
      throw new CounterLoadException("counter " + encoded + " is not cached and its row could not be read: "
          + e.getMessage(), e);
    }
  }

  private String encode(K key) {
    String encoded = keys.encodeKey(key);
    if (encoded.startsWith("~")) {
      throw new IllegalArgumentException("a counter's key must not start with '~' (leaderboards' keys do), was '" + encoded + "'");
    }
    KeyTooLargeException tooLarge = WritePath.keyTooLarge(encoded, engine.options().maxKeyBytes());
    if (tooLarge != null) {
      throw tooLarge;
    }
    return encoded;
  }

  @Override
  public List<CounterDrift<K>> check() {
    List<CounterDrift<K>> out = new ArrayList<>();
    var redis = journal.connection().async();
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page = Await.get(redis.scan(cursor,
          ScanArgs.Builder.matches(journal.layout().valuesPattern()).limit(1000)).toCompletableFuture(), timeoutMillis, "check");
      for (String valueKey : page.getKeys()) {
        String encoded = journal.layout().keyOfValue(valueKey);
        if (encoded != null && !encoded.startsWith(KeyLayout.BOARD_PREFIX)) {
          check(keys.decodeKey(encoded), encoded, out);
        }
      }
      cursor = page;
    } while (!cursor.isFinished());
    return out;
  }

  private void check(K key, String encoded, List<CounterDrift<K>> out) {
    for (int tries = 0; tries < BASE_TRIES; tries++) {
      CounterRow row = load(key, encoded);
      long[] got = Await.get(journal.checkCounter(encoded, Versions.toEntryId(row.position()), fields), timeoutMillis, "check");
      if (got == null) {
        return;
      }
      if (got.length == 0) {
        continue;
      }
      for (int i = 0; i < fields.length; i++) {
        long cached = got[i] == Long.MIN_VALUE ? 0 : got[i];
        long database = row.totals().getOrDefault(fields[i], 0L);
        if (cached != database + got[fields.length + i]) {
          out.add(new CounterDrift<>(key, fields[i], cached, database, got[fields.length + i]));
        }
      }
      return;
    }
    throw new WriteBehindException("check of " + encoded + ": the database's position kept moving; try again");
  }

  @Override
  public void flush(Duration timeout) {
    engine.flush(timeout);
  }

  @Override
  public Worker startWorker(WorkerOptions options) {
    if (sink == null) {
      throw new IllegalStateException("a worker needs a sink: set one on the builder");
    }
    return engine.startWorker(options, (stats, timeout) -> new DeltaBatchProcessor<>(journal, keys, sink, fields(),
        engine.options().ttl().toMillis(), options.trimJournal(), timeout, stats, options.clock()));
  }

  @Override
  public Admin admin() {
    return engine.admin();
  }

  @Override
  public List<String> fields() {
    return Collections.unmodifiableList(Arrays.asList(fields));
  }

  @Override
  public void close() {
    engine.close();
  }
}
