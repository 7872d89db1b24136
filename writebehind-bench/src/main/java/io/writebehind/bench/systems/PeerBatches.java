package io.writebehind.bench.systems;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The database side the peers' write-behind maps (Hazelcast, Redisson) share: the batches
 * their writers hand over, held at the gate while a drain is preloaded, then upserted into
 * the generic table; and single-row loads on a miss.
 */
final class PeerBatches {
  private final GenericRows rows;
  private final Gate gate;
  private final AtomicLong version;

  PeerBatches(GenericRows rows, Gate gate, AtomicLong version) {
    this.rows = rows;
    this.gate = gate;
    this.version = version;
  }

  /** One batch, one transaction. */
  void write(Map<Long, String> batch) {
    try {
      gate.pass();
      long[] keys = new long[batch.size()];
      String[] payloads = new String[batch.size()];
      long[] versions = new long[batch.size()];
      int i = 0;
      for (Map.Entry<Long, String> e : batch.entrySet()) {
        keys[i] = e.getKey();
        payloads[i] = e.getValue();
        versions[i++] = version.incrementAndGet();
      }
      rows.upsertBatches(keys, payloads, versions, Math.max(1, keys.length));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  String load(Long key) {
    try {
      return rows.load(key);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
