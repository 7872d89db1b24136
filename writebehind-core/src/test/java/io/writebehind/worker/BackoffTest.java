package io.writebehind.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(5));

  @Test
  void capDoublesUpToMax() {
    assertThat(backoff.capMillis(1)).isEqualTo(50);
    assertThat(backoff.capMillis(2)).isEqualTo(100);
    assertThat(backoff.capMillis(7)).isEqualTo(3200);
    assertThat(backoff.capMillis(8)).isEqualTo(5000);
    assertThat(backoff.capMillis(1000)).isEqualTo(5000);
  }

  @Test
  void fullJitterSpansZeroToCap() {
    assertThat(backoff.delayMillis(3, 0.0)).isZero();
    assertThat(backoff.delayMillis(3, 0.5)).isEqualTo(100);
    assertThat(backoff.delayMillis(3, 0.999999)).isEqualTo(199);
  }

  @Test
  void validates() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1))).hasMessageContaining("base must be positive");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1))).hasMessageContaining("max must be at least base");
    assertThatThrownBy(() -> backoff.capMillis(0)).hasMessageContaining("retry must be at least 1, was 0");
    assertThatThrownBy(() -> backoff.delayMillis(1, 1.0)).hasMessageContaining("random must be in [0, 1)");
  }
}
