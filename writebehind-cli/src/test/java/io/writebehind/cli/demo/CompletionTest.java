package io.writebehind.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompletionTest {
  @Test
  void showCompletionPrintsABashScriptWithoutServers() {
    CliRun run = CliRun.run("demo", "--show-completion");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("complete -F", "writebehind", "demo");
  }

  @Test
  void helpListsTheDocumentsOptions() {
    CliRun run = CliRun.run("demo", "--help");
    assertThat(run.out()).contains("--flight-id", "--interactive", "--verbose", "--flush", "--install-completion",
        "--show-completion", "--external-worker").doesNotContain("--worker-timeout");
  }
}
