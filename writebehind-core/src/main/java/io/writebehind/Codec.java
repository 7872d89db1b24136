package io.writebehind;

/**
 * Turns keys into the strings that name cache entries and values into the bytes stored in
 * the cache and the journal. Keys must map one to one: two keys with the same encoding
 * would share a cache entry.
 */
public interface Codec<K, V> {

  String encodeKey(K key);

  K decodeKey(String encoded);

  byte[] encodeValue(V value);

  V decodeValue(byte[] bytes);
}
