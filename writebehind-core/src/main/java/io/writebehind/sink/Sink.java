package io.writebehind.sink;

import java.util.List;

/**
 * Where drained writes go: the system of record.
 *
 * <p>The worker calls {@link #apply} with one batch at a time and acknowledges the journal
 * entries only after it returns, so an implementation must make the whole batch durable
 * before returning (one transaction) and must be idempotent: the same batch may be applied
 * again after a crash, and an older version of a key may arrive after a newer one (a
 * zombie worker, a replayed journal). The guard: a record changes the stored state only if
 * its version is greater than the version already stored for its key, deletes included.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface Sink<K, V> {

  /**
   * Applies a coalesced batch (at most one record per key) in one transaction.
   *
   * @return how many records changed the database; the rest were older than what it holds
   * @throws Exception on failure; nothing of the batch may be committed then
   */
  int apply(List<SinkRecord<K, V>> batch) throws Exception;
}
