package io.writebehind.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.writebehind.testkit.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs {@code --quick --systems events-floor,events} on PostgreSQL and checks the JSON's
 * "events" object: the figures there and measured, the floor's bare loads beside
 * them, and nothing lost or doubled by the kill -9. Timings are not asserted: they belong
 * to the machine, not to the code.
 */
class BenchEventsQuickIT {
  @Test
  void quickRunReportsTheEventFigures(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("bench.json");
    int code = new CommandLine(new BenchMain()).execute("--quick", "--systems", "events,events-floor",
        "--json", json.toString(), "--valkey-url", TestServers.valkeyUrl(), "--database-url", TestServers.postgresJdbcUrl());
    assertThat(code).isZero();

    JsonNode events = new ObjectMapper().readTree(Files.readString(json)).get("events");
    assertThat(events).as("the events object").isNotNull();
    for (String k : List.of("appendOpsPerSec1", "appendOpsPerSec8", "appendOpsPerSec64", "appendBatchedOpsPerSec",
        "ingestRowsPerSec", "copyRowsPerSec", "insertRowsPerSec", "binaryCopyRowsPerSec", "copyPerBatchRowsPerSec",
        "floorAppendOpsPerSec1", "floorAppendOpsPerSec8", "floorAppendOpsPerSec64", "floorAppendBatchedOpsPerSec")) {
      assertThat(events.get(k)).as(k).isNotNull();
      assertThat(events.get(k).isNumber()).as(k + " measured").isTrue();
    }
    // kill -9 of the process appending and ingesting: exactly once, not a timing
    assertThat(events.get("ingestLostOnWorkerKill").asLong(-1)).as("lost on kill -9").isZero();
    assertThat(events.get("ingestDuplicatedOnWorkerKill").asLong(-1)).as("duplicated on kill -9").isZero();
    // not run here: the original; MariaDB's loader on PostgreSQL
    for (String k : List.of("originalAppendOpsPerSec1", "originalIngestRowsPerSec", "loadDataRowsPerSec")) {
      assertThat(events.has(k)).as(k).isTrue();
      assertThat(events.get(k).isNull()).as(k + " null").isTrue();
    }
  }
}
