package io.writebehind.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.writebehind.testkit.TestServers;
import org.junit.jupiter.api.Test;

class CompareIT {
  private static final String FLIGHTS_DIGEST =
      "SELECT md5(string_agg(flight_id || ' ' || departure || ' ' || arrival, ',' ORDER BY flight_id)) FROM flight";

  @Test
  void printsTheMeasuredTableAndLeavesNoTrace() throws Exception {
    try (DemoDatabase db = DemoDatabase.postgres()) {
      CliRun init = CliRun.run("init", "--valkey-url", TestServers.valkeyUrl(), "--database-url", db.url,
          "--namespace", db.namespace, "--flights", "2000");
      assertThat(init.exitCode()).as(init.toString()).isZero();
      String before = db.text(FLIGHTS_DIGEST);
      CliRun run = CliRun.run("compare", "--valkey-url", TestServers.valkeyUrl(), "--database-url", db.url,
          "--namespace", db.namespace, "--flights", "2000", "--samples", "6");
      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.out()).contains("Pattern Comparison", "Write-Behind", "Write-Through", "Cache-Aside",
          "Write Performance (p50)", " ms hit / ");
      assertThat(run.out()).containsPattern("\\d+\\.\\dx (faster|slower) than write-through");
      assertThat(db.count("SELECT COUNT(*) FROM flight_log")).isZero();
      assertThat(db.text(FLIGHTS_DIGEST)).as("every flight has its times back").isEqualTo(before);
    }
  }
}
