package io.writebehind;

/**
 * Turns keys into the strings that name cache entries, and back. Keys must map one to one:
 * two keys with the same encoding would share a cache entry.
 */
public interface KeyCodec<K> {

  /** The key as Valkey stores it; one key, one string (the journal folds writes by it). */
  String encodeKey(K key);

  /** The key back from its encoded form. */
  K decodeKey(String encoded);
}
