package io.writebehind.jdbc;

import io.writebehind.sink.SinkRecord;
import java.util.ArrayList;
import java.util.HashMap;
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
   * The batch's records with their key texts, sorted by key so every transaction locks rows in
   * the same order. Nothing is folded: {@link io.writebehind.sink.Sink#apply} gets at most one
   * record per key. Two records with one key text are refused rather than folded, because
   * when their keys differ (a keyText that is not injective) folding would drop a write
   * without a trace; the worker treats the refusal as any unexplained failure and splits the
   * batch, which applies the two apart.
   *
   * @throws IllegalArgumentException if two records share a key text
   */
  static <K, V> List<BatchEntry<K, V>> of(
      List<SinkRecord<K, V>> batch, Function<? super K, String> keyText) {
    Map<String, K> keyOfText = new HashMap<>();
    List<BatchEntry<K, V>> entries = new ArrayList<>(batch.size());
    for (SinkRecord<K, V> r : batch) {
      Objects.requireNonNull(r, "batch must not contain null records");
      String text = keyText.apply(r.key());
      if (text == null) {
        throw new IllegalArgumentException("keyText returned null for key " + r.key());
      }
      K other = keyOfText.putIfAbsent(text, r.key());
      if (other != null) {
        throw new IllegalArgumentException(other.equals(r.key())
            ? "batch holds two records of key " + r.key() + "; a sink takes at most one record per key"
            : "keys " + other + " and " + r.key() + " share the key text '" + text
                + "'; keyText must give every key its own text");
      }
      entries.add(new BatchEntry<>(r, text));
    }
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
