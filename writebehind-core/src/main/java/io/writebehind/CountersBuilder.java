package io.writebehind;

import io.writebehind.internal.engine.DefaultCounters;
import io.writebehind.sink.CounterSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds {@link Counters}. The settings they share with {@link WriteBehindBuilder} mean the
 * same and are validated there; each may be made once.
 */
public final class CountersBuilder<K> extends SharedSettings<K, CountersBuilder<K>> {
  /** A field names a column of the sink's table. */
  private static final Pattern FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  private final KeyCodec<K> keys;
  private List<String> fields;
  private CounterSink<K> sink;

  CountersBuilder(KeyCodec<K> keys) {
    super(keys);
    this.keys = keys;
  }

  /** The counters' fields, each a column of the sink's table: {@code [A-Za-z_][A-Za-z0-9_]{0,62}}. */
  public CountersBuilder<K> fields(String... fields) {
    if (this.fields != null) {
      throw new IllegalStateException("fields was already set");
    }
    if (fields == null || fields.length == 0) {
      throw new IllegalArgumentException("fields: at least one is needed");
    }
    Set<String> seen = new HashSet<>();
    List<String> out = new ArrayList<>();
    for (String f : fields) {
      if (f == null || !FIELD.matcher(f).matches()) {
        throw new IllegalArgumentException("field must match [A-Za-z_][A-Za-z0-9_]{0,62}, was "
            + (f == null ? "null" : "'" + f + "'"));
      }
      if (!seen.add(f)) {
        throw new IllegalArgumentException("field '" + f + "' is named twice");
      }
      out.add(f);
    }
    this.fields = List.copyOf(out);
    return this;
  }

  /** Where workers add the deltas, and where a counter not cached is read from. */
  public CountersBuilder<K> sink(CounterSink<K> sink) {
    if (this.sink != null) {
      throw new IllegalStateException("sink was already set");
    }
    this.sink = Objects.requireNonNull(sink, "sink");
    return this;
  }

  /** How long a counter whose deltas are all in the database stays cached (default 1 hour; zero: no expiry). */
  public CountersBuilder<K> ttl(Duration ttl) {
    engine.ttl(ttl);
    return this;
  }

  /** Connects and checks the settings, as {@link WriteBehindBuilder#build()}; the fields must be set. */
  public Counters<K> build() {
    if (fields == null) {
      throw new IllegalStateException("fields must be set");
    }
    return new DefaultCounters<>(engine.engine("counters"), keys, fields, sink);
  }
}
