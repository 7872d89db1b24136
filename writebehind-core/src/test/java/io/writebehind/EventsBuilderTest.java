package io.writebehind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.writebehind.sink.EventBatch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The events' own settings, validated at once; which events a sink stores, as a pure function of the positions. */
class EventsBuilderTest {
  private static EventsBuilder<String, String> builder() {
    return Events.builder(Codecs.textKeysTextValues());
  }

  @Test
  void recentIsBoundedAndSetOnce() {
    assertThatThrownBy(() -> builder().recent(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("recent must be between 0 and 1000, was -1");
    assertThatThrownBy(() -> builder().recent(1001)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder().recent(5).recent(6)).isInstanceOf(IllegalStateException.class)
        .hasMessage("recent was already set to 5");
    assertThatThrownBy(() -> builder().sink(b -> java.util.Set.of()).sink(b -> java.util.Set.of()))
        .isInstanceOf(IllegalStateException.class).hasMessage("sink was already set");
  }

  @Test
  void sharedSettingsAreTheEnginesAndRefusedTwice() {
    assertThatThrownBy(() -> builder().namespace("a").namespace("b"))
        .isInstanceOf(IllegalStateException.class).hasMessage("namespace was already set");
    assertThatThrownBy(() -> builder().partitions(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder().build()).isInstanceOf(IllegalStateException.class)
        .hasMessage("valkeyUrl must be set");
  }

  @Test
  void onlyEventsAfterTheirPartitionsPositionAreStoredAndGapsAreSeen() {
    EventBatch<String, String> batch = new EventBatch<>("ns", List.of(
        new EventBatch.Run<>(0, 10, 30, List.of(ev(20, "a"), ev(30, "b"))),
        new EventBatch.Run<>(1, 5, 7, List.of(ev(7, "c")))));
    assertThat(batch.newEvents(Map.of(0, 20L, 1, 5L))).extracting(EventBatch.Event::event).containsExactly("b", "c");
    assertThat(batch.newEvents(Map.of(1, 7L))).isEmpty();
    assertThat(batch.runs().get(0).gapAfter(9)).isTrue();
    assertThat(batch.runs().get(0).gapAfter(10)).isFalse();
  }

  private static EventBatch.Event<String, String> ev(long id, String e) {
    return new EventBatch.Event<>(id, id, "k", e);
  }
}
