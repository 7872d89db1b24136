package io.writebehind.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.writebehind.Durability;
import io.writebehind.DurabilityException;
import io.writebehind.WriteBehind;
import io.writebehind.WriteBehindException;
import java.time.Duration;
import io.writebehind.testkit.ManagedValkey;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Promise 2's fine print: a server that would lose unflushed writes on restart is named as such. */
class DurabilityWarningsIT {
  @Test
  void aofOffIsWarnedAbout(@TempDir Path dir) {
    try (ManagedValkey valkey = ManagedValkey.start(dir, false, "everysec");
        WriteBehind<Long, String> engine = WriteBehind.builder(Fixture.CODEC).valkeyUrl(valkey.url()).namespace("it-dw").build()) {
      List<String> warnings = engine.admin().durabilityWarnings();
      assertThat(warnings).anySatisfy(w -> assertThat(w).contains("appendonly"));
    }
  }

  @Test
  void aofOnNeedsNoWarning(@TempDir Path dir) {
    try (ManagedValkey valkey = ManagedValkey.start(dir, true, "everysec");
        WriteBehind<Long, String> engine = WriteBehind.builder(Fixture.CODEC).valkeyUrl(valkey.url()).namespace("it-dw").build()) {
      assertThat(engine.admin().durabilityWarnings()).isEmpty();
    }
  }

  @Test
  void writesCanWaitForTheAofAndFailClearlyWhereThereIsNone(@TempDir Path dir) throws Exception {
    Durability aof = Durability.aof(Duration.ofSeconds(2));
    try (ManagedValkey valkey = ManagedValkey.start(dir.resolve("on"), true, "everysec");
        WriteBehind<Long, String> engine = WriteBehind.builder(Fixture.CODEC).valkeyUrl(valkey.url()).namespace("it-aof")
            .durability(aof).build()) {
      assertThat(engine.put(1L, "on disk")).isPositive();
      assertThat(engine.getIfPresent(1L)).contains("on disk");
    }
    try (ManagedValkey valkey = ManagedValkey.start(dir.resolve("off"), false, "everysec");
        WriteBehind<Long, String> engine = WriteBehind.builder(Fixture.CODEC).valkeyUrl(valkey.url()).namespace("it-aof")
            .durability(aof).build()) {
      // Stored and journaled, but not as durable as asked: the caller hears of it.
      assertThatThrownBy(() -> engine.put(1L, "memory only")).isInstanceOf(WriteBehindException.class)
          .hasMessageContaining("appendonly");
    }
  }

  @Test
  void writesCanWaitForReplicasAndSayHowManyTheyReached(@TempDir Path dir) throws Exception {
    try (ManagedValkey valkey = ManagedValkey.start(dir, true, "everysec");
        WriteBehind<Long, String> engine = WriteBehind.builder(Fixture.CODEC).valkeyUrl(valkey.url()).namespace("it-wait")
            .durability(Durability.replicas(1, Duration.ofMillis(200))).build()) {
      assertThatThrownBy(() -> engine.put(1L, "no replica")).isInstanceOf(DurabilityException.class)
          .hasMessageContaining("0 of 1 replicas");
    }
  }
}
