package io.writebehind.internal.drain;

import static org.assertj.core.api.Assertions.assertThat;

import io.writebehind.internal.journal.JournalEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoalescerTest {
  private static JournalEntry put(String id, String key, String value) {
    return new JournalEntry(0, id, key, false, value.getBytes(), null);
  }

  @Test
  void highestVersionWinsWhateverTheOrder() {
    var folded = Coalescer.fold(List.of(
        put("100-0", "a", "1"), put("100-2", "a", "3"), put("100-1", "a", "2"), put("100-1", "b", "x")));
    assertThat(folded).hasSize(2);
    var a = folded.stream().filter(f -> f.newest().key().equals("a")).findFirst().orElseThrow();
    assertThat(new String(a.newest().data())).isEqualTo("3");
    assertThat(a.count()).isEqualTo(3);
  }

  @Test
  void deleteAfterPutFoldsIntoTheDelete() {
    var folded = Coalescer.fold(List.of(put("5-0", "a", "1"), new JournalEntry(0, "6-0", "a", true, new byte[0], null)));
    assertThat(folded).singleElement().satisfies(f -> assertThat(f.newest().delete()).isTrue());
  }

  @Test
  void malformedEntriesAreLeftOut() {
    var folded = Coalescer.fold(List.of(new JournalEntry(0, "5-0", null, false, new byte[0], null), put("6-0", "b", "1")));
    assertThat(folded).singleElement().satisfies(f -> assertThat(f.newest().key()).isEqualTo("b"));
  }
}
