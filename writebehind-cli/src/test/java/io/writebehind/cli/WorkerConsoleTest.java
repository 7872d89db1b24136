package io.writebehind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A storm is a few lines a look, with counts; nothing new is no line; 80 columns. */
class WorkerConsoleTest {
  @Test
  void aStormIsCountedIntoOneLookOfLines() {
    WorkerConsole console = new WorkerConsole();
    assertThat(console.lines(false)).isEmpty();
    for (int i = 0; i < 5_000; i++) {
      console.deadLettered("key-" + i, 2, "PSQLException: ERROR: value too long for type character varying(20) " + "x".repeat(100));
      console.retrying("SQLTransientConnectionException: Connection is not available, request timed out after 30000ms.");
    }
    List<String> lines = console.lines(false);
    assertThat(lines).hasSize(6);
    assertThat(lines.get(0)).isEqualTo("dead letters: 10000 writes refused for good, the last of key key-4999");
    assertThat(lines.get(1)).startsWith("  reason: PSQLException: ERROR: value too long").endsWith("\u2026");
    assertThat(lines.get(2)).contains("writebehind dlq list");
    assertThat(lines.get(3)).isEqualTo("retrying: 5000 failures since the last line, each retried with backoff");
    assertThat(lines.get(5)).contains("writebehind status");
    assertThat(lines).allMatch(l -> l.length() <= WorkerConsole.WIDTH);
    assertThat(console.lines(false)).as("counted once").isEmpty();
  }

  @Test
  void theCircuitIsToldWhenItChanges() {
    WorkerConsole console = new WorkerConsole();
    assertThat(console.lines(false)).isEmpty();
    assertThat(console.lines(true)).containsExactly(
        "database unavailable: batches paused, one probe per backoff; writes still taken");
    assertThat(console.lines(true)).isEmpty();
    assertThat(console.lines(false)).containsExactly("database available again: draining");
  }
}
