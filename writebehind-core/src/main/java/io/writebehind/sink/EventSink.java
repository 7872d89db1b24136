package io.writebehind.sink;

import java.util.Set;

/**
 * Where events go: the system of record. It keeps a position per namespace and partition,
 * the newest journal entry it holds, and is the authority on it.
 *
 * @param <K> key type
 * @param <E> event type
 */
public interface EventSink<K, E> {

  /**
   * In one transaction, for each partition of the batch: reads (and locks) its position;
   * skips the partition when the run starts after it ({@link EventBatch.Run#gapAfter}: entries
   * between were read by someone and not stored, a gap); else stores the run's events newer
   * than the position ({@link EventBatch#newEvents}) and moves the position to the run's last
   * entry with a compare-and-set from the value read.
   *
   * @return the partitions skipped for a gap; their entries must be read again
   * @throws Exception on failure; nothing of the batch may be committed then
   */
  Set<Integer> apply(EventBatch<K, E> batch) throws Exception;

  /**
   * The work on a batch's events that needs no database (mapping them to rows, encoding
   * them), done ahead: the worker calls this on its preparing thread while the batch before
   * is applied, and hands the result to {@link #apply(EventBatch, Object)}. When it throws,
   * or returns null, {@code apply} gets null and does the work itself (and meets the failure
   * there, where a refused event is set apart). By default nothing.
   *
   * @param events the events in the order the batch will hold them
   */
  default Object prepare(java.util.List<EventBatch.Event<K, E>> events) {
    return null;
  }

  /**
   * {@link #apply(EventBatch)}, with what {@link #prepare} made of the batch's events (null
   * when nothing); the sink must use it only for exactly the events it stores. By default the
   * prepared work is ignored.
   */
  default Set<Integer> apply(EventBatch<K, E> batch, Object prepared) throws Exception {
    return apply(batch);
  }

  /**
   * The database's position of each partition asked (0 for one without a row), read without
   * locks; null when this sink cannot tell. The worker compares it with the journal: after a
   * failover that rolled the journal back, the position is ahead of the journal's last entry.
   */
  default java.util.Map<Integer, Long> positions(String namespace, java.util.Collection<Integer> partitions) throws Exception {
    return null;
  }
}
