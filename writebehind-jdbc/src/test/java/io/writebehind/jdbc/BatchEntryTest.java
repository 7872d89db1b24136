package io.writebehind.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.writebehind.sink.SinkRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchEntryTest {
  private static SinkRecord<Long, String> put(long key, long version) {
    return new SinkRecord<>(key, "v" + version, version, 0, null, 1);
  }

  @Test
  void keepsEveryRecordSortedByKey() {
    List<BatchEntry<Long, String>> entries = BatchEntry.of(List.of(put(10, 1), put(2, 5), put(7, 3)), String::valueOf);
    assertThat(entries).extracting(BatchEntry::key).containsExactly(2L, 7L, 10L);
    assertThat(entries).extracting(BatchEntry::text).containsExactly("2", "7", "10");
    assertThat(BatchEntry.versions(entries)).containsExactly(5, 3, 1);
  }

  @Test
  void twoRecordsOfOneKeyAreRefusedNotFolded() {
    assertThatThrownBy(() -> BatchEntry.of(List.of(put(1, 1), put(2, 1), put(1, 2)), String::valueOf))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batch holds two records of key 1; a sink takes at most one record per key");
  }

  @Test
  void keysSharingAKeyTextAreRefused() {
    assertThatThrownBy(() -> BatchEntry.of(List.of(put(1, 1), put(2, 1)), k -> "same"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("keys 1 and 2 share the key text 'same'; keyText must give every key its own text");
  }
}
