package io.writebehind.bench.systems;

import io.writebehind.engine.Codec;
import java.nio.charset.StandardCharsets;

/** The generic rows as the engine stores them: decimal keys, UTF-8 payloads. */
public final class LongStringCodec implements Codec<Long, String> {
  @Override
  public String encodeKey(Long key) {
    return Long.toString(key);
  }

  @Override
  public Long decodeKey(String encoded) {
    return Long.parseLong(encoded);
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
