package io.writebehind;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/** Codecs for the common shapes: decimal or text keys, UTF-8 text values (JSON, say). */
public final class Codecs {
  private Codecs() {}

  /** Long keys as decimal text (for {@link Counters}). */
  public static KeyCodec<Long> longKeys() {
    return longKeysTextValues();
  }

  /** String keys as they are (for {@link Counters}). */
  public static KeyCodec<String> textKeys() {
    return textKeysTextValues();
  }

  /** Long keys as decimal text, String values as UTF-8. */
  public static Codec<Long, String> longKeysTextValues() {
    return new TextValues<>(k -> Long.toString(k), Long::parseLong);
  }

  /** String keys as they are, String values as UTF-8. */
  public static Codec<String, String> textKeysTextValues() {
    return new TextValues<>(Function.identity(), Function.identity());
  }

  private record TextValues<K>(Function<K, String> keyToText, Function<String, K> textToKey) implements Codec<K, String> {
    @Override
    public String encodeKey(K key) {
      return keyToText.apply(key);
    }

    @Override
    public K decodeKey(String encoded) {
      return textToKey.apply(encoded);
    }

    @Override
    public byte[] encodeValue(String value) {
      return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String decodeValue(byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }
}
