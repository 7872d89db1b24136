package io.writebehind.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The highest acknowledged write of every key: what the database must end up holding. */
final class AckedWrites {
  record Ack(long version, String value) {}

  final Map<Long, Ack> newest = new ConcurrentHashMap<>();

  void acknowledged(long key, long version, String value) {
    newest.merge(key, new Ack(version, value), (a, b) -> a.version() >= b.version() ? a : b);
  }

  /** Every acknowledged write is in the database, superseded only by a newer one of its key. */
  void assertAllIn(Fixture f) throws Exception {
    Map<Long, Long> versions = f.versions();
    Map<Long, String> payloads = f.payloads();
    for (Map.Entry<Long, Ack> e : newest.entrySet()) {
      assertThat(versions.get(e.getKey())).as("version of key %d in the database", e.getKey()).isEqualTo(e.getValue().version());
      assertThat(payloads.get(e.getKey())).as("value of key %d in the database", e.getKey()).isEqualTo(e.getValue().value());
      assertThat(f.engine.getIfPresent(e.getKey())).as("cached value of key %d", e.getKey()).contains(e.getValue().value());
    }
    assertThat(versions.keySet()).containsExactlyInAnyOrderElementsOf(newest.keySet());
  }
}
