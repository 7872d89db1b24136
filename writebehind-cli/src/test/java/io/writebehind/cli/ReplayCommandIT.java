package io.writebehind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.writebehind.WriteBehind;
import io.writebehind.admin.PartitionStatus;
import io.writebehind.flights.Flight;
import io.writebehind.flights.FlightCodec;
import io.writebehind.flights.FlightRepository;
import io.writebehind.flights.FlightSink;
import io.writebehind.jdbc.DataSources;
import io.writebehind.jdbc.Dialect;
import io.writebehind.testkit.FreshDatabase;
import io.writebehind.testkit.TestServers;
import io.writebehind.worker.WorkerOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code writebehind replay} hands retained journal entries back to the workers: after a
 * drain that changes nothing in the database, and a row rolled back to an older version gets
 * the newest write again. A bad partition or id is one line and exit 2.
 */
class ReplayCommandIT {
  private static final long FLIGHT = 115;

  @Test
  void replayIsHarmlessAndRestoresARolledBackRow() throws Exception {
    String ns = "replay-" + UUID.randomUUID().toString().substring(0, 8);
    try (FreshDatabase db = FreshDatabase.on(TestServers.postgresJdbcUrl(), "wb_replay")) {
      assertThat(Main.run("init", "--flights", "200", "--valkey-url", TestServers.valkeyUrl(), "--database-url", db.url(),
          "--namespace", ns)).isZero();
      try (HikariDataSource ds = DataSources.hikari(db.url(), 2, "replay-it");
          WriteBehind<Long, Flight> engine = WriteBehind.builder(new FlightCodec()).valkeyUrl(TestServers.valkeyUrl())
              .namespace(ns).partitions(16).sink(new FlightSink(ds, Dialect.POSTGRESQL)).build()) {
        FlightRepository flights = new FlightRepository(ds, Dialect.POSTGRESQL);
        engine.startWorker(WorkerOptions.builder().trimJournal(false).build());
        Flight original = flights.find(FLIGHT).orElseThrow();
        for (int i = 1; i <= 5; i++) {
          engine.put(FLIGHT, withArrival(original, i));
          engine.put(FLIGHT + i, withArrival(flights.find(FLIGHT + i).orElseThrow(), i));
          engine.flush(Duration.ofSeconds(30));
        }
        Map<Long, Long> versions = versions(flights);
        int log = flights.countLog(FLIGHT);
        List<String> conn = List.of("--valkey-url", TestServers.valkeyUrl(), "--namespace", ns);

        for (int p : partitionsWritten(engine)) {
          Captured r = run(conn, "replay", "--partition", Integer.toString(p), "--from", "0");
          assertThat(r.exitCode()).as(r.err()).isZero();
          assertThat(r.out()).contains("partition " + p + ": ", "entries handed back to the workers");
        }
        engine.flush(Duration.ofSeconds(30));
        assertThat(versions(flights)).as("nothing changed").isEqualTo(versions);
        assertThat(flights.countLog(FLIGHT)).as("no log row for a replayed write").isEqualTo(log);

        // A restored backup: the row went back to its first version.
        try (Connection c = ds.getConnection();
            PreparedStatement ps = c.prepareStatement("UPDATE flight SET arrival = ?, wb_version = 0 WHERE flight_id = ?")) {
          ps.setObject(1, original.arrival());
          ps.setLong(2, FLIGHT);
          assertThat(ps.executeUpdate()).isOne();
        }
        for (int p : partitionsWritten(engine)) {
          assertThat(run(conn, "replay", "--partition", Integer.toString(p), "--from", "0").exitCode()).isZero();
        }
        int p = partitionsWritten(engine).get(0);
        engine.flush(Duration.ofSeconds(30));
        assertThat(flights.find(FLIGHT).orElseThrow().arrival()).isEqualTo(withArrival(original, 5).arrival());
        assertThat(flights.version(FLIGHT)).isEqualTo(versions.get(FLIGHT));

        for (String[] bad : new String[][] {{"--partition", "16", "--from", "0"}, {"--partition", "-1", "--from", "0"},
            {"--partition", "0", "--from", "yesterday"}, {"--partition", Integer.toString(p), "--from", "99999999999999"}}) {
          Captured r = run(conn, "replay", bad[0], bad[1], bad[2], bad[3]);
          assertThat(r.exitCode()).as(String.join(" ", bad)).isEqualTo(CliException.BAD_INPUT);
          assertThat(r.err().strip().lines()).as("one line: " + r.err()).hasSize(1);
        }
        assertThat(run(conn, "replay", "--partition", Integer.toString(p), "--from", "99999999999999").err())
            .contains("retains no entry from 99999999999999");
        engine.admin().purgeNamespace();
      }
    }
  }

  private static Flight withArrival(Flight f, int minutes) {
    return new Flight(f.flightId(), f.flightno(), f.departure(), f.arrival().plusMinutes(minutes), f.airlineId(),
        f.airplaneId(), f.fromAirport(), f.toAirport(), f.airlinename());
  }

  private static Map<Long, Long> versions(FlightRepository flights) throws Exception {
    Map<Long, Long> out = new HashMap<>();
    for (long id = FLIGHT; id <= FLIGHT + 5; id++) {
      out.put(id, flights.version(id));
    }
    return out;
  }

  private static List<Integer> partitionsWritten(WriteBehind<Long, Flight> engine) {
    List<Integer> out = new ArrayList<>();
    for (PartitionStatus s : engine.admin().status().partitions()) {
      if (s.length() > 0) {
        out.add(s.partition());
      }
    }
    return out;
  }

  private static Captured run(List<String> conn, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(conn);
    return Captured.run(all.toArray(String[]::new));
  }
}
