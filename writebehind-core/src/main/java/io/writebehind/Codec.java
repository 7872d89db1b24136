package io.writebehind;

/**
 * Turns keys into the strings that name cache entries and values into the bytes stored in
 * the cache and the journal. Keys must map one to one: two keys with the same encoding
 * would share a cache entry.
 */
public interface Codec<K, V> extends KeyCodec<K> {

  /** The value as Valkey stores it and the journal carries it. */
  byte[] encodeValue(V value);

  /** The value back from its encoded form. */
  V decodeValue(byte[] bytes);
}
