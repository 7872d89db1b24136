package io.writebehind.internal.drain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final CircuitBreaker breaker = new CircuitBreaker(3, 500, now::get);

  @Test
  void opensAfterTheThresholdAndLetsOneProbeThroughLater() {
    breaker.failure();
    breaker.failure();
    assertThat(breaker.allow()).isTrue();
    breaker.failure();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(breaker.allow()).isFalse();
    now.addAndGet(499);
    assertThat(breaker.allow()).isFalse();
    now.addAndGet(1);
    assertThat(breaker.allow()).as("the probe").isTrue();
    assertThat(breaker.allow()).as("a second thread while the probe runs").isFalse();
  }

  @Test
  void aFailedProbeOpensItAgainAndASuccessClosesIt() {
    for (int i = 0; i < 3; i++) {
      breaker.failure();
    }
    now.addAndGet(500);
    assertThat(breaker.allow()).isTrue();
    breaker.failure();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(breaker.allow()).isFalse();
    now.addAndGet(500);
    assertThat(breaker.allow()).isTrue();
    breaker.success();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(breaker.allow()).isTrue();
  }

  @Test
  void aSuccessResetsTheCount() {
    breaker.failure();
    breaker.failure();
    breaker.success();
    breaker.failure();
    breaker.failure();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void aProbeThatFoundNothingToTryLetsTheNextCallerProbe() {
    for (int i = 0; i < 3; i++) {
      breaker.failure();
    }
    now.addAndGet(500);
    assertThat(breaker.allow()).isTrue();
    breaker.noAttempt();
    assertThat(breaker.allow()).isTrue();
  }

  @Test
  void validates() {
    assertThatThrownBy(() -> new CircuitBreaker(0, 1, now::get)).hasMessage("threshold must be at least 1, was 0");
    assertThatThrownBy(() -> new CircuitBreaker(1, 0, now::get)).hasMessage("probeAfterMillis must be positive, was 0");
  }
}
