package io.writebehind;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings that counters and events share with {@link WriteBehindBuilder}: each is
 * forwarded to an engine builder of the namespace, which validates it and refuses a second
 * setting, so they mean the same everywhere.
 *
 * @param <K> key type
 * @param <B> the builder's own type, returned by every setter
 */
abstract class SharedSettings<K, B extends SharedSettings<K, B>> {
  final WriteBehindBuilder<K, byte[]> engine;

  SharedSettings(KeyCodec<K> keys) {
    Objects.requireNonNull(keys, "keys");
    // The engine stores bytes as they come: counters and events encode their own.
    this.engine = new WriteBehindBuilder<>(new Codec<K, byte[]>() {
      @Override
      public String encodeKey(K key) {
        return keys.encodeKey(key);
      }

      @Override
      public K decodeKey(String encoded) {
        return keys.decodeKey(encoded);
      }

      @Override
      public byte[] encodeValue(byte[] value) {
        return value;
      }

      @Override
      public byte[] decodeValue(byte[] bytes) {
        return bytes;
      }
    });
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /** As {@link WriteBehindBuilder#valkeyUrl}. */
  public B valkeyUrl(String url) {
    engine.valkeyUrl(url);
    return self();
  }

  /** As {@link WriteBehindBuilder#namespace}; a namespace holds values, counters or events, one kind only. */
  public B namespace(String namespace) {
    engine.namespace(namespace);
    return self();
  }

  /** As {@link WriteBehindBuilder#partitions}. */
  public B partitions(int partitions) {
    engine.partitions(partitions);
    return self();
  }

  /** As {@link WriteBehindBuilder#maxJournalLength}. */
  public B maxJournalLength(long maxJournalLength) {
    engine.maxJournalLength(maxJournalLength);
    return self();
  }

  /** As {@link WriteBehindBuilder#commandTimeout}. */
  public B commandTimeout(Duration commandTimeout) {
    engine.commandTimeout(commandTimeout);
    return self();
  }

  /** As {@link WriteBehindBuilder#durability}. */
  public B durability(Durability durability) {
    engine.durability(durability);
    return self();
  }

  /** As {@link WriteBehindBuilder#maxKeyBytes}. */
  public B maxKeyBytes(int maxKeyBytes) {
    engine.maxKeyBytes(maxKeyBytes);
    return self();
  }

  /** As {@link WriteBehindBuilder#acceptEviction}. */
  public B acceptEviction(boolean acceptEviction) {
    engine.acceptEviction(acceptEviction);
    return self();
  }

  /** As {@link WriteBehindBuilder#clientResources}. */
  public B clientResources(io.lettuce.core.resource.ClientResources clientResources) {
    engine.clientResources(clientResources);
    return self();
  }
}
