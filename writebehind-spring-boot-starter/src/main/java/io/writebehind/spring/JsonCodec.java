package io.writebehind.spring;

import io.writebehind.Codec;
import org.springframework.cache.support.NullValue;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * A cache's keys through {@link CacheKeys} and its values as JSON of the value type. Spring's
 * {@link NullValue} (a cached null) is stored as zero bytes, which no JSON document is.
 */
final class JsonCodec implements Codec<Object, Object> {
  private static final byte[] NULL = new byte[0];
  private final String cacheName;
  private final CacheKeys keys;
  private final Class<?> valueType;
  private final ObjectMapper mapper;

  JsonCodec(String cacheName, CacheKeys keys, Class<?> valueType, ObjectMapper mapper) {
    this.cacheName = cacheName;
    this.keys = keys;
    this.valueType = valueType;
    this.mapper = mapper;
  }

  @Override
  public String encodeKey(Object key) {
    return keys.encode(key);
  }

  @Override
  public Object decodeKey(String encoded) {
    return keys.decode(encoded);
  }

  @Override
  public byte[] encodeValue(Object value) {
    if (value instanceof NullValue) {
      return NULL;
    }
    if (!valueType.isInstance(value)) {
      throw new IllegalArgumentException("write-behind cache '" + cacheName + "' holds "
          + valueType.getName() + ", was given " + value.getClass().getName());
    }
    try {
      return mapper.writeValueAsBytes(value);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("write-behind cache '" + cacheName + "': cannot write "
          + value.getClass().getName() + " as JSON: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public Object decodeValue(byte[] bytes) {
    if (bytes.length == 0) {
      return NullValue.INSTANCE;
    }
    return mapper.readValue(bytes, valueType);
  }

  /** The value as JSON text, for a table that keeps it in one column. */
  String json(Object value) {
    return new String(encodeValue(value), java.nio.charset.StandardCharsets.UTF_8);
  }
}
