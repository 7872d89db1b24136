package io.writebehind.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AckLogTest {
  @TempDir Path dir;

  @Test
  void aFileInTheWayOfItsDirectoryIsNamed() throws Exception {
    Path file = Files.writeString(dir.resolve("plain"), "x");
    assertThatThrownBy(() -> new AckLog(file.resolve("ack.csv"))).isInstanceOf(CliException.class)
        .hasMessage("cannot write the ack log " + file.resolve("ack.csv") + ": " + file + " is not a directory");
  }

  @Test
  void itsDirectoryIsMadeWhenMissing() throws Exception {
    Path file = dir.resolve("runs/1/ack.csv");
    try (AckLog log = new AckLog(file)) {
      log.incremented(7, 1, 1);
    }
    assertThat(Files.readString(file)).isEqualTo("7,1,1\n");
  }
}
