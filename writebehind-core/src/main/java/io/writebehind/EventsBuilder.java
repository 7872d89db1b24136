package io.writebehind;

import io.writebehind.internal.engine.DefaultEvents;
import io.writebehind.sink.EventSink;
import java.time.Duration;
import java.util.Objects;

/**
 * Builds {@link Events}. The settings they share with {@link WriteBehindBuilder} mean the
 * same and are validated there; each may be made once.
 */
public final class EventsBuilder<K, E> extends SharedSettings<K, EventsBuilder<K, E>> {
  /** A recent list is read whole: keep it short. */
  public static final int MAX_RECENT = 1000;

  private final Codec<K, E> codec;
  private EventSink<K, E> sink;
  private Integer recent;

  EventsBuilder(Codec<K, E> codec) {
    super(codec);
    this.codec = codec;
  }

  /** Where workers store the events: the system of record. */
  public EventsBuilder<K, E> sink(EventSink<K, E> sink) {
    if (this.sink != null) {
      throw new IllegalStateException("sink was already set");
    }
    this.sink = Objects.requireNonNull(sink, "sink");
    return this;
  }

  /** How many of each key's last events the cache keeps for {@link Events#recent} (default 0: none, only the latest). */
  public EventsBuilder<K, E> recent(int recent) {
    if (this.recent != null) {
      throw new IllegalStateException("recent was already set to " + this.recent);
    }
    if (recent < 0 || recent > MAX_RECENT) {
      throw new IllegalArgumentException("recent must be between 0 and " + MAX_RECENT + ", was " + recent);
    }
    this.recent = recent;
    return this;
  }

  /**
   * How long a key's latest event (and recent list) stays cached after its last append
   * (default 1 hour; zero: no expiry). The journal keeps every event until the database has
   * it, whatever this is.
   */
  public EventsBuilder<K, E> ttl(Duration ttl) {
    engine.ttl(ttl);
    return this;
  }

  /** The largest encoded event, in bytes (default 1 MiB): a larger one is refused before anything is stored. */
  public EventsBuilder<K, E> maxEventBytes(int maxEventBytes) {
    engine.maxValueBytes(maxEventBytes);
    return this;
  }

  /** Connects and checks the settings, as {@link WriteBehindBuilder#build()}. */
  public Events<K, E> build() {
    return new DefaultEvents<>(engine.engine("events"), codec, recent == null ? 0 : recent, sink);
  }
}
