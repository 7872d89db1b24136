package io.writebehind.internal.drain;

import io.writebehind.KeyCodec;
import io.writebehind.internal.journal.Journal;
import io.writebehind.internal.journal.JournalEntry;
import io.writebehind.internal.journal.KeyLayout;
import io.writebehind.internal.journal.Versions;
import io.writebehind.sink.CounterSink;
import io.writebehind.sink.DeltaBatch;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One batch of counters' deltas: the sink adds what its position says it lacks and moves
 * the position in the same transaction; only then is the journal acknowledged. The
 * database's position, not Valkey's, decides what is applied, so an entry is added once
 * whatever was read twice: after a crash between the commit and the acknowledgement, by a
 * worker that lost its lease, or from a journal read again from its start.
 */
public final class DeltaBatchProcessor<K> implements Batches {
  private final Journal journal;
  private final KeyCodec<K> keys;
  private final CounterSink<K> sink;
  private final List<String> fields;
  private final Set<String> declared;
  private final long ttlMillis;
  private final boolean trim;
  private final long timeoutMillis;
  private final DrainStats stats;
  private final Clock clock;

  public DeltaBatchProcessor(Journal journal, KeyCodec<K> keys, CounterSink<K> sink, List<String> fields, long ttlMillis,
      boolean trim, long timeoutMillis, DrainStats stats, Clock clock) {
    this.journal = journal;
    this.keys = keys;
    this.sink = sink;
    this.fields = List.copyOf(fields);
    this.declared = Set.copyOf(fields);
    this.ttlMillis = ttlMillis;
    this.trim = trim;
    this.timeoutMillis = timeoutMillis;
    this.stats = stats;
    this.clock = clock;
  }

  @Override
  public java.util.Map<Integer, Long> databasePositions(java.util.Collection<Integer> partitions) throws Exception {
    return sink.positions(journal.layout().namespace(), partitions);
  }

  @Override
  public boolean readsAfter() {
    return true;
  }

  @Override
  public CompletableFuture<Set<Integer>> process(List<JournalEntry> entries) throws Exception {
    long now = clock.millis();
    List<CompletableFuture<Long>> dead = new ArrayList<>();
    Map<JournalEntry, String> reasons = DrainStats.deadLetterReasons();
    Map<Integer, List<JournalEntry>> byPartition = new TreeMap<>();
    Map<Integer, List<DeltaBatch.Delta<K>>> deltas = new TreeMap<>();
    Map<Integer, List<DeltaBatch.ScoreDelta<K>>> scores = new TreeMap<>();
    Set<Integer> unknownStart = new TreeSet<>();
    for (JournalEntry e : entries) {
      byPartition.computeIfAbsent(e.partition(), p -> new ArrayList<>()).add(e);
      List<DeltaBatch.Delta<K>> run = deltas.computeIfAbsent(e.partition(), p -> new ArrayList<>());
      List<DeltaBatch.ScoreDelta<K>> scoreRun = scores.computeIfAbsent(e.partition(), p -> new ArrayList<>());
      String refusal = null;
      if (e.malformed() || !e.increment()) {
        refusal = e.malformed() ? "malformed journal entry (no key, an unknown op, or a version newer than the entry itself)"
            : "a write of a whole value in a namespace of counters";
      } else {
        try {
          long version = Versions.fromEntryId(e.id());
          if (e.score()) {
            scoreRun.add(scoreDelta(version, e));
          } else {
            run.add(new DeltaBatch.Delta<>(version, keys.decodeKey(e.key()), parse(e.data())));
          }
        } catch (RuntimeException bad) {
          refusal = "cannot decode: " + DrainStats.describe(bad);
        }
      }
      if (refusal != null) {
        // In the dead letters before the position can move past it: never dropped in silence.
        dead.add(journal.deadLetter(e, refusal, 1, now));
        reasons.put(e, refusal);
      }
    }
    for (CompletableFuture<Long> f : dead) {
      f.get(timeoutMillis, TimeUnit.MILLISECONDS);
    }
    stats.deadLettered(entries, reasons);
    List<DeltaBatch.Run<K>> runs = new ArrayList<>();
    for (Map.Entry<Integer, List<JournalEntry>> p : byPartition.entrySet()) {
      List<JournalEntry> run = p.getValue();
      String after = run.get(0).after();
      if (after == null || !PositionedRuns.contiguous(run)) {
        unknownStart.add(p.getKey());
        continue;
      }
      runs.add(new DeltaBatch.Run<>(p.getKey(), Versions.fromEntryId(after),
          Versions.fromEntryId(run.get(run.size() - 1).id()), deltas.get(p.getKey()), scores.get(p.getKey())));
    }
    long t0 = System.nanoTime();
    Set<Integer> gaps = new TreeSet<>(sink.apply(new DeltaBatch<>(journal.layout().namespace(), fields, runs)));
    long dbNanos = System.nanoTime() - t0;
    gaps.addAll(unknownStart);
    PositionedRuns.committed(stats, entries, gaps, dbNanos, clock);
    return acknowledge(byPartition, gaps);
  }

  /** A leaderboard's entry: the board in the key, the member in the meta, the delta in the data. */
  private DeltaBatch.ScoreDelta<K> scoreDelta(long version, JournalEntry e) {
    if (!e.key().startsWith(KeyLayout.BOARD_PREFIX) || e.meta() == null || e.meta().isEmpty()) {
      throw new IllegalArgumentException("a leaderboard entry needs a board and a member");
    }
    return new DeltaBatch.ScoreDelta<>(version, e.key().substring(KeyLayout.BOARD_PREFIX.length()),
        keys.decodeKey(e.meta()), Long.parseLong(new String(e.data(), StandardCharsets.UTF_8)));
  }

  /** {@code field=delta,...} as the increment script journals it. */
  private Map<String, Long> parse(byte[] data) {
    Map<String, Long> out = new HashMap<>();
    for (String part : new String(data, StandardCharsets.UTF_8).split(",")) {
      int eq = part.indexOf('=');
      String field = eq < 0 ? part : part.substring(0, eq);
      if (eq < 0 || !declared.contains(field)) {
        throw new IllegalArgumentException("'" + part + "' is not a delta of a declared field " + fields);
      }
      out.merge(field, Long.parseLong(part.substring(eq + 1)), Math::addExact);
    }
    return out;
  }

  /**
   * Acknowledges each partition the sink applied: the position past its run, and each
   * counter's newest entry, so a counter with nothing newer may expire.
   */
  private CompletableFuture<Set<Integer>> acknowledge(Map<Integer, List<JournalEntry>> byPartition, Set<Integer> gaps) {
    return PositionedRuns.acknowledge(journal, byPartition, gaps, run -> {
      Map<String, JournalEntry> newest = new LinkedHashMap<>();
      for (JournalEntry e : run) {
        if (!e.malformed() && e.increment()) {
          newest.put(e.key(), e);
        }
      }
      return new ArrayList<>(newest.values());
    }, ttlMillis, trim);
  }
}
