package io.writebehind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.writebehind.WriteBehind;
import io.writebehind.flights.Flight;
import io.writebehind.flights.FlightCodec;
import io.writebehind.flights.FlightSink;
import io.writebehind.flights.FlightsSchema;
import io.writebehind.jdbc.DataSources;
import io.writebehind.jdbc.Dialect;
import io.writebehind.testkit.FreshDatabase;
import io.writebehind.testkit.TestServers;
import io.writebehind.worker.WorkerOptions;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Promise 6 from the command line: a flight update the flight sink refuses for good (no such
 * flight) is listed, shown, replayed (and refused again) and dropped with {@code writebehind dlq}.
 */
class DlqCommandIT {
  private static final long NO_SUCH_FLIGHT = 987_654_321L;

  @Test
  void listShowReplayDrop() throws Exception {
    String ns = "dlq-" + UUID.randomUUID().toString().substring(0, 8);
    try (FreshDatabase db = FreshDatabase.on(TestServers.postgresJdbcUrl(), "wb_dlq");
        HikariDataSource ds = DataSources.hikari(db.url(), 2, "dlq-it")) {
      FlightsSchema.migrate(ds, Dialect.POSTGRESQL);
      try (WriteBehind<Long, Flight> engine = WriteBehind.builder(new FlightCodec()).valkeyUrl(TestServers.valkeyUrl())
          .namespace(ns).partitions(16).sink(new FlightSink(ds, Dialect.POSTGRESQL)).build()) {
        LocalDateTime dep = LocalDateTime.of(2025, 10, 1, 8, 30);
        engine.put(NO_SUCH_FLIGHT, new Flight(NO_SUCH_FLIGHT, "WB404", dep, dep.plusHours(2), 1, 1, "AAA", "BBB", "Nowhere Air"));
        engine.startWorker(WorkerOptions.defaults());
        engine.flush(Duration.ofSeconds(30));
        List<String> conn = List.of("--valkey-url", TestServers.valkeyUrl(), "--database-url", db.url(), "--namespace", ns);

        JsonNode listed = listJson(conn);
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("key").asText()).isEqualTo(Long.toString(NO_SUCH_FLIGHT));
        assertThat(listed.get(0).get("error").asText()).contains("no such flight");
        assertThat(listed.get(0).get("value").asText()).contains("WB404");
        String handle = listed.get(0).get("handle").asText();

        Captured shown = run(conn, "dlq", "show", handle);
        assertThat(shown.exitCode()).isZero();
        assertThat(shown.out()).contains(handle, "no such flight", "WB404");

        Captured replayed = run(conn, "dlq", "replay", handle);
        assertThat(replayed.exitCode()).isZero();
        assertThat(replayed.out()).contains(handle + " REPLAYED");
        engine.flush(Duration.ofSeconds(30));
        JsonNode again = listJson(conn);
        assertThat(again).as("refused again: back in the dead letters under a new handle").hasSize(1);
        assertThat(again.get(0).get("handle").asText()).isNotEqualTo(handle);

        assertThat(run(conn, "dlq", "show", "99:1-1").exitCode()).as("partition out of range").isEqualTo(CliException.BAD_INPUT);
        for (String verb : new String[] {"show", "replay", "drop"}) {
          Captured missing = run(conn, "dlq", verb, "3:1-1");
          assertThat(missing.exitCode()).as(verb + ": no such dead letter is the user's input naming nothing")
              .isEqualTo(CliException.BAD_INPUT);
          assertThat(missing.err().strip()).isEqualTo("writebehind: no such dead letter 3:1-1 in namespace '" + ns
              + "' (see 'writebehind dlq list')");
        }

        Captured dropped = run(conn, "dlq", "drop", "--all");
        assertThat(dropped.exitCode()).isZero();
        assertThat(dropped.out()).contains("dropped 1");
        assertThat(listJson(conn)).isEmpty();
        assertThat(engine.getIfPresent(NO_SUCH_FLIGHT)).as("the value the database never got is gone from the cache").isEmpty();
        engine.admin().purgeNamespace();
      }
    }
  }

  /**
   * Two writes of a flight the sink refuses: replaying both leaves the older one SUPERSEDED
   * (the newer is in the cache), with a hint to drop it; drop --superseded drops just that one.
   */
  @Test
  void supersededLettersAreHintedAndDroppedAlone() throws Exception {
    String ns = "dlqs-" + UUID.randomUUID().toString().substring(0, 8);
    try (FreshDatabase db = FreshDatabase.on(TestServers.postgresJdbcUrl(), "wb_dlqs");
        HikariDataSource ds = DataSources.hikari(db.url(), 2, "dlqs-it")) {
      FlightsSchema.migrate(ds, Dialect.POSTGRESQL);
      try (WriteBehind<Long, Flight> engine = WriteBehind.builder(new FlightCodec()).valkeyUrl(TestServers.valkeyUrl())
          .namespace(ns).partitions(16).sink(new FlightSink(ds, Dialect.POSTGRESQL)).build()) {
        LocalDateTime dep = LocalDateTime.of(2025, 10, 1, 8, 30);
        engine.put(NO_SUCH_FLIGHT, new Flight(NO_SUCH_FLIGHT, "WB404", dep, dep.plusHours(2), 1, 1, "AAA", "BBB", "Nowhere Air"));
        engine.put(NO_SUCH_FLIGHT, new Flight(NO_SUCH_FLIGHT, "WB404", dep, dep.plusHours(3), 1, 1, "AAA", "BBB", "Nowhere Air"));
        engine.startWorker(WorkerOptions.defaults());
        engine.flush(Duration.ofSeconds(30));
        List<String> conn = List.of("--valkey-url", TestServers.valkeyUrl(), "--database-url", db.url(), "--namespace", ns);
        JsonNode letters = listJson(conn);
        assertThat(letters).hasSize(2);
        String older = letters.get(0).get("handle").asText();

        Captured one = run(conn, "dlq", "replay", older);
        assertThat(one.out()).contains(older + " SUPERSEDED");
        assertThat(one.err()).contains("1 superseded letter stays", "writebehind dlq drop " + older);

        Captured replayed = run(conn, "dlq", "replay", "--all");
        assertThat(replayed.exitCode()).isZero();
        assertThat(replayed.out()).contains("replayed 1, superseded 1, missing 0");
        assertThat(replayed.err()).contains("writebehind dlq drop --superseded");
        engine.flush(Duration.ofSeconds(30));
        assertThat(listJson(conn)).as("the older one stayed, the newer is back after its replay").hasSize(2);

        Captured dropped = run(conn, "dlq", "drop", "--superseded");
        assertThat(dropped.exitCode()).isZero();
        assertThat(dropped.out()).contains(older + " DROPPED", "dropped 1 superseded, kept 1");
        JsonNode left = listJson(conn);
        assertThat(left).hasSize(1);
        assertThat(left.get(0).get("version").asLong()).as("the newer write is kept")
            .isEqualTo(letters.get(1).get("version").asLong());
        engine.admin().purgeNamespace();
      }
    }
  }

  private static JsonNode listJson(List<String> conn) throws Exception {
    Captured r = run(conn, "dlq", "list", "--json");
    assertThat(r.exitCode()).isZero();
    return new ObjectMapper().readTree(r.out());
  }

  private static Captured run(List<String> conn, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(conn);
    return Captured.run(all.toArray(String[]::new));
  }
}
