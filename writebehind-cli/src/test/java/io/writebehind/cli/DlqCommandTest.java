package io.writebehind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A malformed dead-letter handle is the user's mistake: one line, exit 2, no server contacted. */
class DlqCommandTest {
  @Test
  void badHandlesExitWithTwo() {
    for (String[] args : new String[][] {
        {"dlq", "show", "nonsense"}, {"dlq", "replay", "3"}, {"dlq", "drop", "x:1-2"}, {"dlq", "replay", "1:2"}}) {
      Captured r = Captured.run(args);
      assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(CliException.BAD_INPUT);
      assertThat(r.err().strip().lines()).as("one line").hasSize(1);
      assertThat(r.err()).startsWith("writebehind: dead letter handle must look like <partition>:");
    }
  }

  @Test
  void replayNeedsAHandleOrAll() {
    assertThat(Captured.run("dlq", "replay").exitCode()).isEqualTo(CliException.BAD_INPUT);
    assertThat(Captured.run("dlq", "drop", "1:2-3", "--all").exitCode()).isEqualTo(CliException.BAD_INPUT);
    assertThat(Captured.run("dlq", "drop", "--superseded", "--all").exitCode()).isEqualTo(CliException.BAD_INPUT);
    assertThat(Captured.run("dlq", "replay", "--superseded").exitCode()).as("drop's alone").isEqualTo(CliException.BAD_INPUT);
  }
}
