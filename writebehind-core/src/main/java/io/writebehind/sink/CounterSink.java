package io.writebehind.sink;

import java.util.Set;

/**
 * Where counters' deltas go: the system of record. It keeps a position per namespace and
 * partition, the newest journal entry whose deltas it has, and is the authority on it.
 *
 * @param <K> key type
 */
public interface CounterSink<K> {

  /**
   * In one transaction, for each partition of the batch: reads (and locks) its position;
   * skips the partition when the batch starts after it ({@link DeltaBatch.Run#after()} newer
   * than the position: entries between were read by someone and not applied, a gap); else
   * adds the deltas of the entries newer than the position ({@link DeltaBatch#sums}, and
   * {@link DeltaBatch#scoreSums} for leaderboards) and
   * moves the position to the run's last entry with a compare-and-set from the value read.
   *
   * @return the partitions skipped for a gap; their entries must be read again
   * @throws Exception on failure; nothing of the batch may be committed then
   */
  Set<Integer> apply(DeltaBatch<K> batch) throws Exception;

  /**
   * The database's position of each partition asked (0 for one without a row), read without
   * locks; null when this sink cannot tell. The worker compares it with the journal: after a
   * failover that rolled the journal back, the position is ahead of the journal's last entry.
   */
  default java.util.Map<Integer, Long> positions(String namespace, java.util.Collection<Integer> partitions) throws Exception {
    return null;
  }

  /** The key's totals of these fields and its partition's position, read in one snapshot. */
  CounterRow load(String namespace, int partition, K key, java.util.List<String> fields) throws Exception;

  /**
   * A leaderboard's scores and its partition's position, read in one snapshot; a sink that
   * keeps no leaderboards throws {@link UnsupportedOperationException}.
   */
  default BoardRows<K> loadBoard(String namespace, int partition, String board) throws Exception {
    throw new UnsupportedOperationException("this sink keeps no leaderboards");
  }
}
