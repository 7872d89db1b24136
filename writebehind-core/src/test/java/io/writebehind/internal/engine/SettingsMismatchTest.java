package io.writebehind.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SettingsMismatchTest {
  @Test
  void aNamespaceOfAnotherKindIsNamedAsSuchWithoutAdvisingAPurge() {
    String why = DefaultWriteBehind.settingsMismatch("flight", "partitions=16;journal=2",
        "partitions=16;journal=2;counters");
    assertThat(why).isEqualTo("namespace 'flight' holds whole values (a write-behind cache), not counters;"
        + " use a namespace of its own for each");
    assertThat(DefaultWriteBehind.settingsMismatch("flight_stats", "partitions=16;journal=2;counters",
        "partitions=16;journal=2;events")).startsWith("namespace 'flight_stats' holds counters, not events;");
  }

  @Test
  void anotherPartitionCountIsNamedFirst() {
    assertThat(DefaultWriteBehind.settingsMismatch("ns", "partitions=8;journal=2;counters", "partitions=16;journal=2"))
        .isEqualTo("namespace 'ns' already uses partitions=8, this engine was built with partitions=16;"
            + " use the same partition count (or purge the namespace)");
  }

  @Test
  void anotherJournalFormatIsNotTakenForAnotherPartitionCount() {
    assertThat(DefaultWriteBehind.settingsMismatch("ns", "partitions=4", "partitions=4;journal=2"))
        .contains("another journal format (an older one, this engine journal=2)");
    assertThat(DefaultWriteBehind.settingsMismatch("ns", "partitions=4;journal=3", "partitions=4;journal=2"))
        .contains("(journal=3, this engine journal=2)");
  }
}
