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
 * Runs {@code --quick --systems floor,writebehind} against the test servers and checks the
 * JSON's shape: every key there, and the figures that apply to these two not null. Timings
 * are not asserted: they belong to the machine, not to the code.
 */
class BenchQuickIT {
  static final List<String> KEYS = List.of("name", "writeP50Us", "writeP99Us", "writeP999Us", "writeOpsPerSec1",
      "writeOpsPerSec8", "writeOpsPerSec64", "drainRowsPerSec", "drainFlightsPerSec", "windowP50Ms", "windowP99Ms",
      "readHitP50Us", "readMissP50Us", "lostOnWorkerKill");

  @Test
  void quickRunWritesTheJsonShape(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("bench.json");
    int code = new CommandLine(new BenchMain()).execute("--quick", "--systems", "floor,writebehind",
        "--json", json.toString(), "--charts", dir.resolve("charts").toString(),
        "--valkey-url", TestServers.valkeyUrl(), "--database-url", TestServers.postgresJdbcUrl());
    assertThat(code).isZero();

    JsonNode root = new ObjectMapper().readTree(Files.readString(json));
    assertThat(root.get("machine").asText()).contains("cores");
    JsonNode systems = root.get("systems");
    assertThat(systems).hasSize(2);
    for (JsonNode s : systems) {
      assertThat(iterable(s.fieldNames())).containsExactlyElementsOf(KEYS);
    }
    JsonNode floor = systems.get(0);
    assertThat(floor.get("name").asText()).isEqualTo("floor");
    for (String k : List.of("writeP50Us", "writeP99Us", "writeP999Us", "writeOpsPerSec1", "writeOpsPerSec8",
        "writeOpsPerSec64", "drainRowsPerSec", "readHitP50Us", "readMissP50Us")) {
      assertThat(floor.get(k).isNumber()).as("floor " + k).isTrue();
    }
    // the floor has no drain of flights, no window and no worker
    assertThat(floor.get("windowP99Ms").isNull()).isTrue();
    assertThat(floor.get("lostOnWorkerKill").isNull()).isTrue();

    JsonNode ours = systems.get(1);
    assertThat(ours.get("name").asText()).isEqualTo("writebehind");
    for (String k : KEYS.subList(1, KEYS.size())) {
      assertThat(ours.get(k).isNumber()).as("writebehind " + k).isTrue();
    }
    assertThat(Files.list(dir.resolve("charts")).filter(p -> p.toString().endsWith(".png")).count()).isEqualTo(3);
  }

  private static List<String> iterable(java.util.Iterator<String> it) {
    List<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
