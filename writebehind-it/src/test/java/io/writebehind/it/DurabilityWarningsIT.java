package io.writebehind.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.writebehind.engine.WriteBehind;
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
      List<String> warnings = engine.durabilityWarnings();
      assertThat(warnings).anySatisfy(w -> assertThat(w).contains("appendonly"));
    }
  }

  @Test
  void aofOnNeedsNoWarning(@TempDir Path dir) {
    try (ManagedValkey valkey = ManagedValkey.start(dir, true, "everysec");
        WriteBehind<Long, String> engine = WriteBehind.builder(Fixture.CODEC).valkeyUrl(valkey.url()).namespace("it-dw").build()) {
      assertThat(engine.durabilityWarnings()).isEmpty();
    }
  }
}
