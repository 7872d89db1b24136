package io.writebehind.cli;

import io.writebehind.engine.Codec;
import java.nio.charset.StandardCharsets;

/** Long keys and string values, for tests that need an engine but not flights. */
final class StringValues {
  private StringValues() {}

  static final Codec<Long, String> CODEC = new Codec<>() {
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
  };
}
