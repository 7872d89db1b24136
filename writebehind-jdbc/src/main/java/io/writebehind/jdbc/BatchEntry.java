package io.writebehind.jdbc;

import io.writebehind.sink.SinkRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** One record of a batch with its key as written into the tombstone table. */
record BatchEntry<K, V>(SinkRecord<K, V> record, String text) {
  long version() {
    return record.version();
  }

  K key() {
    return record.key();
  }

  /**
   * Coalesces defensively (the highest version of a key wins, as the database would decide)
   * because a multi-row PostgreSQL upsert fails if it touches one row twice; and sorts by key
   * so every transaction locks rows in the same order.
   */
  static <K, V> List<BatchEntry<K, V>> of(
      List<SinkRecord<K, V>> batch, Function<? super K, String> keyText) {
    Map<String, BatchEntry<K, V>> byKey = new LinkedHashMap<>();
    for (SinkRecord<K, V> r : batch) {
      Objects.requireNonNull(r, "batch must not contain null records");
      String text = keyText.apply(r.key());
      if (text == null) {
        throw new IllegalArgumentException("keyText returned null for key " + r.key());
      }
      byKey.merge(text, new BatchEntry<>(r, text), (a, b) -> a.version() >= b.version() ? a : b);
    }
    List<BatchEntry<K, V>> entries = new ArrayList<>(byKey.values());
    entries.sort(BatchEntry::compare);
    return entries;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(BatchEntry<?, ?> a, BatchEntry<?, ?> b) {
    Object x = a.key();
    Object y = b.key();
    if (x instanceof Comparable && x.getClass() == y.getClass()) {
      return ((Comparable) x).compareTo(y);
    }
    return a.text().compareTo(b.text());
  }

  static List<String> texts(List<? extends BatchEntry<?, ?>> entries) {
    List<String> out = new ArrayList<>(entries.size());
    for (BatchEntry<?, ?> e : entries) {
      out.add(e.text());
    }
    return out;
  }

  static long[] versions(List<? extends BatchEntry<?, ?>> entries) {
    long[] out = new long[entries.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = entries.get(i).version();
    }
    return out;
  }
}
