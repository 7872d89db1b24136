package io.writebehind.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkerOptionsTest {
  @Test
  void eachSettingNamesItselfWhenRejected() {
    assertThatThrownBy(() -> WorkerOptions.builder().batchSize(0)).hasMessage("batchSize must be between 1 and 100000, was 0");
    assertThatThrownBy(() -> WorkerOptions.builder().threads(0)).hasMessage("threads must be between 1 and 256, was 0");
    assertThatThrownBy(() -> WorkerOptions.builder().leaseTtl(Duration.ofMillis(10))).hasMessageStartingWith("leaseTtl must be at least 300 ms");
    assertThatThrownBy(() -> WorkerOptions.builder().workerId("a b")).hasMessageStartingWith("workerId must match");
  }

  @Test
  void crossChecksAtBuild() {
    assertThatThrownBy(() -> WorkerOptions.builder().leaseTtl(Duration.ofSeconds(1)).linger(Duration.ofSeconds(2)).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("linger");
  }

  @Test
  void mutateKeepsTheRest() {
    WorkerOptions o = WorkerOptions.builder().batchSize(7).threads(3).build();
    WorkerOptions m = o.mutate().batchSize(9).build();
    assertThat(m.threads()).isEqualTo(3);
    assertThat(m.batchSize()).isEqualTo(9);
    assertThat(o.batchSize()).isEqualTo(7);
  }
}
