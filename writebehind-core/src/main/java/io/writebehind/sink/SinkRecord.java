package io.writebehind.sink;

import java.util.Objects;

/**
 * One key's newest state in a drained batch.
 *
 * @param key the key
 * @param value the new value, or {@code null} for a delete
 * @param version grows with every write of the key; the database keeps the highest
 * @param writtenAtMillis server time of the write, in epoch milliseconds
 * @param meta free text the writer attached to the write (an audit note), or {@code null}
 * @param coalesced how many journal entries of this key the batch folded into this record
 */
public record SinkRecord<K, V>(K key, V value, long version, long writtenAtMillis, String meta, int coalesced) {

  /** Checks the key and the version. */
  public SinkRecord {
    Objects.requireNonNull(key, "key");
    if (version <= 0) {
      throw new IllegalArgumentException("version must be positive, was " + version);
    }
    if (coalesced < 1) {
      throw new IllegalArgumentException("coalesced must be at least 1, was " + coalesced);
    }
  }

  /** Whether the record deletes its key (its value is null). */
  public boolean isDelete() {
    return value == null;
  }
}
