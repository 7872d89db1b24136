package io.writebehind.sink;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A batch of counter deltas, one run of journal entries per partition. Positions and entry
 * versions are journal entry ids read as one number (milliseconds times a million plus the
 * sequence), so they compare as numbers.
 *
 * @param namespace the counters' namespace: with the partition, it names a position
 * @param fields the namespace's declared fields
 * @param runs one per partition, by partition
 * @param <K> key type
 */
public record DeltaBatch<K>(String namespace, List<String> fields, List<Run<K>> runs) {

  /** Copies the lists. */
  public DeltaBatch {
    Objects.requireNonNull(namespace, "namespace");
    fields = List.copyOf(fields);
    runs = List.copyOf(runs);
  }

  /**
   * One partition's entries in the batch: a contiguous run of its journal.
   *
   * @param partition the partition
   * @param after every entry up to this one had been delivered to some worker when the run
   *     was read; if the database's position is older, entries between are missing (a gap)
   * @param last the run's newest entry: the position once the run is applied
   * @param deltas the run's counter entries, oldest first
   * @param scores the run's leaderboard entries, oldest first
   */
  public record Run<K>(int partition, long after, long last, List<Delta<K>> deltas, List<ScoreDelta<K>> scores) {
    /** Copies the lists. */
    public Run {
      deltas = List.copyOf(deltas);
      scores = List.copyOf(scores);
    }

    /** A run of counter entries only. */
    public Run(int partition, long after, long last, List<Delta<K>> deltas) {
      this(partition, after, last, deltas, List.of());
    }

    /** Whether the run starts past the position: applying it would skip entries. */
    public boolean gapAfter(long position) {
      return after > position;
    }
  }

  /**
   * One journal entry's deltas.
   *
   * @param version the entry's id as a number
   * @param key the counter
   * @param deltas field to delta
   */
  public record Delta<K>(long version, K key, Map<String, Long> deltas) {
    /** Copies the deltas. */
    public Delta {
      Objects.requireNonNull(key, "key");
      deltas = Map.copyOf(deltas);
    }
  }

  /**
   * One journal entry of a leaderboard.
   *
   * @param version the entry's id as a number
   * @param board the leaderboard's name
   * @param member the member
   * @param delta what it adds to the member's score
   */
  public record ScoreDelta<K>(long version, String board, K member, long delta) {
    /** Checks the names. */
    public ScoreDelta {
      Objects.requireNonNull(board, "board");
      Objects.requireNonNull(member, "member");
    }
  }

  /**
   * The leaderboards' deltas to add, summed per board and member, under the same rule as
   * {@link #sums}: entries newer than their partition's position, partitions in
   * {@code positions} only.
   */
  public Map<String, Map<K, Long>> scoreSums(Map<Integer, Long> positions) {
    Map<String, Map<K, Long>> out = new LinkedHashMap<>();
    for (Run<K> run : runs) {
      Long position = positions.get(run.partition());
      if (position == null) {
        continue;
      }
      for (ScoreDelta<K> d : run.scores()) {
        if (d.version() > position) {
          out.computeIfAbsent(d.board(), b -> new LinkedHashMap<>()).merge(d.member(), d.delta(), Math::addExact);
        }
      }
    }
    return out;
  }

  /**
   * The deltas to add, summed per key and field (every declared field, zeros included, in
   * the declared order): each partition's entries newer than its position, for the
   * partitions in {@code positions} (the others, skipped for a gap, are left out). Keys come
   * in their first entry's order. Sums are exact: a total that would leave a {@code long}
   * throws {@link ArithmeticException}.
   */
  public Map<K, long[]> sums(Map<Integer, Long> positions) {
    Map<K, long[]> out = new LinkedHashMap<>();
    Map<String, Integer> index = new TreeMap<>();
    for (int i = 0; i < fields.size(); i++) {
      index.put(fields.get(i), i);
    }
    for (Run<K> run : runs) {
      Long position = positions.get(run.partition());
      if (position == null) {
        continue;
      }
      for (Delta<K> d : run.deltas()) {
        if (d.version() <= position) {
          continue;
        }
        long[] sum = out.computeIfAbsent(d.key(), k -> new long[fields.size()]);
        for (Map.Entry<String, Long> e : d.deltas().entrySet()) {
          Integer at = index.get(e.getKey());
          if (at == null) {
            throw new IllegalArgumentException("field '" + e.getKey() + "' is not declared in " + fields);
          }
          sum[at] = Math.addExact(sum[at], e.getValue());
        }
      }
    }
    return out;
  }
}
