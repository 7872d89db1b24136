package io.writebehind.spring;

import org.springframework.cache.interceptor.SimpleKey;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.DefaultConversionService;

/**
 * A cache's keys as one type: each key a method gives is converted to it, so 115 and 115L
 * name the same entry and the same row. A key of several parts (Spring's SimpleKey) has no
 * column to go to and is refused.
 */
final class CacheKeys {
  private final String cacheName;
  private final Class<?> keyType;
  private final ConversionService conversions = DefaultConversionService.getSharedInstance();

  CacheKeys(String cacheName, Class<?> keyType) {
    this.cacheName = cacheName;
    this.keyType = keyType;
  }

  /** The key as the key type. */
  Object normalize(Object key) {
    if (key instanceof SimpleKey) {
      throw new IllegalArgumentException("write-behind cache '" + cacheName + "' takes one key of type "
          + keyType.getSimpleName() + ", was " + key + ": give the annotation a key, e.g. key = \"#id\"");
    }
    if (keyType.isInstance(key)) {
      return key;
    }
    try {
      Object converted = conversions.convert(key, keyType);
      if (converted == null) {
        throw new IllegalArgumentException("write-behind cache '" + cacheName + "': key " + key + " converts to null");
      }
      return converted;
    } catch (ConversionException e) {
      throw new IllegalArgumentException("write-behind cache '" + cacheName + "' takes keys of type "
          + keyType.getSimpleName() + ", " + key + " (" + key.getClass().getSimpleName() + ") does not convert to it");
    }
  }

  String encode(Object key) {
    Object k = normalize(key);
    return k instanceof String s ? s : conversions.convert(k, String.class);
  }

  Object decode(String text) {
    return conversions.convert(text, keyType);
  }
}
