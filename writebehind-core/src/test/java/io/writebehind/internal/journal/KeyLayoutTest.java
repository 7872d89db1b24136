package io.writebehind.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyLayoutTest {
  private final KeyLayout layout = new KeyLayout("flight", 16);

  @Test
  void valueAndJournalShareTheHashTag() {
    int p = layout.partitionOf("115");
    assertThat(layout.valueKey("115")).isEqualTo("flight:{" + p + "}:115");
    assertThat(layout.journalKey(p)).isEqualTo("flight#journal{" + p + "}");
    assertThat(hashTag(layout.valueKey("115"))).isEqualTo(hashTag(layout.journalKey(p)))
        .isEqualTo(hashTag(layout.leaseKey(p))).isEqualTo(hashTag(layout.deadLetterKey(p)));
  }

  @Test
  void userKeysCannotNameInternalKeys() {
    for (int p = 0; p < 16; p++) {
      assertThat(layout.journalKey(p)).doesNotStartWith("flight:");
    }
    assertThat(layout.valueKey("journal{3}")).startsWith("flight:{");
  }

  @Test
  void partitionIsStable() {
    // CRC32("115") = 0x... ; fixed so that processes built at different times agree.
    assertThat(layout.partitionOf("115")).isEqualTo(layout.partitionOf("115"));
    assertThat(new KeyLayout("x", 1).partitionOf("anything")).isZero();
    long distinct = java.util.stream.IntStream.range(0, 1000)
        .map(i -> layout.partitionOf(Integer.toString(i))).distinct().count();
    assertThat(distinct).isEqualTo(16);
  }

  @Test
  void validatesNamespaceAndPartitions() {
    assertThatThrownBy(() -> new KeyLayout("a{b}", 4)).hasMessageContaining("namespace");
    assertThatThrownBy(() -> new KeyLayout("", 4)).hasMessageContaining("namespace");
    assertThatThrownBy(() -> new KeyLayout("ok", 0)).hasMessageContaining("partitions must be between 1 and 16384, was 0");
  }

  private static String hashTag(String key) {
    int open = key.indexOf('{');
    return key.substring(open + 1, key.indexOf('}', open));
  }
}
