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
 * Runs {@code --quick} on the counting systems and checks the report's "counters" object:
 * every figure there for ours and Redisson's, and ours neither losing nor double-applying an
 * increment when the process that counts and drains is killed with kill -9.
 */
class BenchCountersQuickIT {
  static final List<String> FIGURES = List.of("incrementOpsPerSec1", "incrementOpsPerSec8", "incrementOpsPerSec64",
      "incrementP50Us", "counterDrainRowsPerSec", "counterLostOnWorkerKill", "counterDoubleAppliedOnWorkerKill");

  @Test
  void countersAreKilledAndReportedBesideRedisson(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("bench.json");
    int code = new CommandLine(new BenchMain()).execute("--quick", "--systems", "counters,redisson-counters",
        "--json", json.toString(), "--valkey-url", TestServers.valkeyUrl(), "--database-url", TestServers.postgresJdbcUrl());
    assertThat(code).isZero();

    JsonNode counters = new ObjectMapper().readTree(Files.readString(json)).get("counters");
    for (String k : FIGURES) {
      assertThat(counters.get(k).isNumber()).as("counters " + k).isTrue();
      String redisson = "redisson" + Character.toUpperCase(k.charAt(0)) + k.substring(1);
      assertThat(counters.get(redisson).isNumber()).as("counters " + redisson).isTrue();
    }
    assertThat(counters.get("counterLostOnWorkerKill").asLong()).isZero();
    assertThat(counters.get("counterDoubleAppliedOnWorkerKill").asLong()).isZero();
  }
}
