package io.writebehind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.writebehind.worker.WorkerOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Settings are validated once, in the builders: each at once, a second setting refused, all together at build. */
class WriteBehindBuilderTest {
  private static WriteBehindBuilder<String, String> builder() {
    return WriteBehind.builder(Codecs.textKeysTextValues()).valkeyUrl("redis://127.0.0.1:1");
  }

  @Test
  void aSecondSettingIsRefused() {
    assertThatThrownBy(() -> builder().namespace("a").namespace("b"))
        .isInstanceOf(IllegalStateException.class).hasMessage("namespace was already set");
    assertThatThrownBy(() -> builder().valkeyUrl("redis://x"))
        .isInstanceOf(IllegalStateException.class).hasMessage("valkeyUrl was already set");
    assertThatThrownBy(() -> WorkerOptions.builder().batchSize(10).batchSize(20))
        .isInstanceOf(IllegalStateException.class).hasMessage("batchSize was already set");
    assertThat(WorkerOptions.builder().batchSize(10).build().mutate().batchSize(20).build().batchSize()).isEqualTo(20);
  }

  @Test
  void timeoutsThatContradictEachOtherAreRefusedAtBuild() {
    assertThatThrownBy(() -> builder().overflow(OverflowPolicy.BLOCK).blockTimeout(Duration.ofSeconds(30)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("blockTimeout (PT30S) must be shorter than commandTimeout (PT10S)");
    assertThatThrownBy(() -> builder().durability(Durability.aof(Duration.ofSeconds(10))).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("durability timeout");
  }

  @Test
  void durabilityLevelsAreNamedAndValidated() {
    assertThat(Durability.MEMORY.toString()).isEqualTo("MEMORY");
    assertThat(Durability.replicas(2, Duration.ofSeconds(1)).replicas()).isEqualTo(2);
    assertThat(Durability.aof(Duration.ofSeconds(1)).aof()).isTrue();
    assertThatThrownBy(() -> Durability.replicas(0, Duration.ofSeconds(1))).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> Durability.aof(Duration.ZERO)).hasMessageContaining("must be positive");
  }

  @Test
  void durabilityLevelsParseAsTheCommandLineNamesThem() {
    Duration t = Duration.ofMillis(500);
    assertThat(Durability.parse("memory", t)).isEqualTo(Durability.MEMORY);
    assertThat(Durability.parse("AOF", t)).isEqualTo(Durability.aof(t));
    assertThat(Durability.parse("replicas=1", t)).isEqualTo(Durability.replicas(1, t));
    assertThat(Durability.parse("replicas=2+aof", t)).isEqualTo(Durability.replicasAndAof(2, t));
    assertThatThrownBy(() -> Durability.parse("replicas=x", t)).hasMessage(
        "durability must be memory, aof, replicas=N or replicas=N+aof, was 'replicas=x'");
    assertThatThrownBy(() -> Durability.parse("replicas=0", t)).hasMessageContaining("at least 1");
  }
}
