package io.writebehind;

/**
 * Turns keys into the strings that name cache entries and values into the bytes stored in
 * the cache and the journal. Keys must map one to one: two keys with the same encoding
 * would share a cache entry.
 */
public interface Codec<K, V> {

  /** The key as Valkey stores it; one key, one string (the journal folds writes by it). */
  String encodeKey(K key);

  /** The key back from its encoded form. */
  K decodeKey(String encoded);

  /** The value as Valkey stores it and the journal carries it. */
  byte[] encodeValue(V value);

  /** The value back from its encoded form. */
  V decodeValue(byte[] bytes);
}
