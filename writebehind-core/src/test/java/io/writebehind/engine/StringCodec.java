package io.writebehind.engine;

import java.nio.charset.StandardCharsets;

/** Test codec: string keys and values as UTF-8. */
public final class StringCodec implements Codec<String, String> {
  @Override
  public String encodeKey(String key) {
    return key;
  }

  @Override
  public String decodeKey(String encoded) {
    return encoded;
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
