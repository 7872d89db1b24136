package io.writebehind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.writebehind.flights.Flight;
import io.writebehind.flights.FlightChange;
import io.writebehind.flights.FlightCodec;
import io.writebehind.internal.journal.KeyLayout;
import io.writebehind.testkit.ChildJvm;
import io.writebehind.testkit.TestServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** writebehind adopt on a copy of the original workshop's FlughafenDB database and queue. */
class AdoptCommandIT {
  private static final LocalDateTime DEPARTURE = LocalDateTime.of(2025, 10, 1, 11, 19);
  private static final LocalDateTime ARRIVAL = LocalDateTime.of(2025, 10, 1, 15, 3);
  private static final int PARTITIONS = 16;

  private static String[] args(OriginalDatabase db, String command, String... extra) {
    List<String> args = new ArrayList<>(List.of(command, "--valkey-url", TestServers.valkeyUrl(),
        "--database-url", db.url, "--namespace", db.namespace));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  private static String[] demo(OriginalDatabase db) {
    return args(db, "demo", "--worker-timeout", "60");
  }

  @ParameterizedTest
  @ValueSource(strings = {"mariadb", "postgresql"})
  void adoptsWithoutChangingARowAndTheDemoRunsOnIt(String dialect) throws Exception {
    try (OriginalDatabase db = OriginalDatabase.create(dialect)) {
      Map<String, List<String>> before = db.rows();

      Captured refused = Captured.run(demo(db));
      assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
      assertThat(refused.err()).contains("did not create", "writebehind adopt").doesNotContain("Exception");
      assertThat(historyTables(db)).as("refused before Flyway touched anything").isZero();

      Captured adopted = Captured.run(args(db, "adopt"));
      assertThat(adopted.exitCode()).as(adopted.toString()).isZero();
      assertThat(adopted.out()).contains("added flight.wb_version", "no row changed", "baseline 1", "Next: writebehind demo");
      assertThat(db.rows()).isEqualTo(before);
      assertThat(db.count("SELECT COUNT(*) FROM flight WHERE wb_version <> 0")).isZero();

      Captured again = Captured.run(args(db, "adopt"));
      assertThat(again.exitCode()).as(again.toString()).isZero();
      assertThat(again.out()).contains("writebehind's already");

      Captured demo = Captured.run(demo(db));
      assertThat(demo.exitCode()).as(demo.toString()).isZero();
      assertThat(demo.out()).contains("YPC -> XGR", "American Samoa Airlines", "Data is now CONSISTENT",
          "Queue flushed: 1 update(s) processed");
      assertThat(db.times(115)).containsExactly(DEPARTURE, ARRIVAL);
      Map<String, List<String>> after = db.rows();
      for (String table : OriginalDatabase.TABLES) {
        if (!table.equals("flight_log")) {
          assertThat(after.get(table)).as(table).isEqualTo(before.get(table));
        }
      }
      assertThat(after.get("flight_log")).containsAll(before.get("flight_log"));
      assertThat(db.count("SELECT COUNT(*) FROM flight_log WHERE flight_id = 115")).isEqualTo(2);
    }
  }

  /** What a demo run against the original's tables did before adopt existed: Flyway over them. */
  private static void oldDemoMigration(OriginalDatabase db) {
    Flyway flyway = Flyway.configure().dataSource(db.url, null, null)
        .locations("classpath:db/flights/" + (db.mariadb ? "mariadb" : "postgresql"))
        .table("flights_schema_history").baselineOnMigrate(true).baselineVersion("0").load();
    try {
      flyway.migrate();
      throw new AssertionError("V1 ran over the original's tables");
    } catch (RuntimeException expected) {
      // "Table 'airport' already exists"
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mariadb", "postgresql"})
  void aDatabaseLeftWithAFailedMigrationIsRepaired(String dialect) throws Exception {
    try (OriginalDatabase db = OriginalDatabase.create(dialect)) {
      Map<String, List<String>> before = db.rows();
      oldDemoMigration(db);
      if (db.mariadb) {
        assertThat(db.count("SELECT COUNT(*) FROM flights_schema_history WHERE NOT success")).isEqualTo(1);
      }

      Captured refused = Captured.run(demo(db));
      assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
      assertThat(refused.err()).contains("writebehind adopt").doesNotContain("Validate failed");
      assertThat(refused.err().lines().count()).isEqualTo(1);

      Captured adopted = Captured.run(args(db, "adopt"));
      assertThat(adopted.exitCode()).as(adopted.toString()).isZero();
      assertThat(adopted.out()).contains("left by a failed migration", "added flight.wb_version");
      assertThat(db.rows()).isEqualTo(before);

      Captured demo = Captured.run(demo(db));
      assertThat(demo.exitCode()).as(demo.toString()).isZero();
      assertThat(db.times(115)).containsExactly(DEPARTURE, ARRIVAL);
    }
  }

  @Test
  void anUnrecognisedSchemaIsRefusedWithExit2AndNothingChanges() throws Exception {
    try (OriginalDatabase db = OriginalDatabase.create("mariadb")) {
      db.exec("ALTER TABLE flight_log RENAME TO flight_history;\nALTER TABLE flight DROP COLUMN arrival;\n");
      Captured refused = Captured.run(args(db, "adopt"));
      assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
      assertThat(refused.err()).contains("missing column flight.arrival, table flight_log", "--database-url")
          .doesNotContain("Exception");
      assertThat(refused.err().lines().count()).isEqualTo(1);
      assertThat(db.count("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE()"
          + " AND column_name = 'wb_version'")).isZero();
      assertThat(historyTables(db)).isZero();

      db.exec("DROP TABLE booking;\nDROP TABLE flight_history;\nDROP TABLE flight;\nDROP TABLE flightschedule;\n"
          + "DROP TABLE airplane;\nDROP TABLE airline;\nDROP TABLE airport;\n");
      Captured empty = Captured.run(args(db, "adopt"));
      assertThat(empty.exitCode()).as(empty.toString()).isEqualTo(2);
      assertThat(empty.err()).contains("no FlughafenDB tables", "writebehind init");
    }
  }

  private static long historyTables(OriginalDatabase db) throws Exception {
    return db.count("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'flights_schema_history'"
        + (db.mariadb ? " AND table_schema = DATABASE()" : " AND table_schema = current_schema()"));
  }

  /** A task as the original queues it (Python's json.dumps of isoformat times). */
  private static String task(long flightId, LocalDateTime departure, LocalDateTime arrival, String user, String comment) {
    return "{\"flight_id\": " + flightId + ", \"new_departure\": \"" + departure + ":00\", \"new_arrival\": \""
        + arrival + ":00\", \"user\": \"" + user + "\", \"comment\": \"" + comment
        + "\", \"queued_at\": \"2025-09-30T10:00:00.123456\"}";
  }

  /** The original's cache value of a flight (a string key, JSON). */
  private static String originalCached(long flightId) {
    return "{\"flight_id\": " + flightId + ", \"flightno\": \"AM5136\", \"departure\": \"2025-10-01T11:19:00\","
        + " \"arrival\": \"2025-10-01T15:03:00\", \"airline_id\": 7, \"airplane_id\": 4001, \"from_airport\": \"YPC\","
        + " \"to_airport\": \"XGR\", \"airlinename\": \"American Samoa Airlines\"}";
  }

  @ParameterizedTest
  @ValueSource(strings = {"mariadb", "postgresql"})
  void importQueueMovesEveryTaskOnceAsANormalUpdateAndTheWorkerAppliesThem(String dialect, @TempDir Path dir)
      throws Exception {
    try (OriginalDatabase db = OriginalDatabase.create(dialect);
         Raw raw = new Raw()) {
      assertThat(Captured.run(args(db, "adopt")).exitCode()).isZero();
      Map<String, List<String>> before = db.rows();
      LocalDateTime[] t115 = db.times(115);
      List<String> tasks = List.of(
          task(115, t115[0].plusHours(2), t115[1].plusHours(2), "alice", "Flight delayed by 2 hours due to weather"),
          task(116, db.times(116)[0].plusMinutes(30), db.times(116)[1].plusMinutes(30), "bob", "Crew change"),
          task(115, t115[0].plusHours(3), t115[1].plusHours(3), "carol", "Delayed again"),
          task(117, db.times(117)[0].plusHours(1), db.times(117)[1].plusHours(1), "dave", "Slot"),
          task(118, db.times(118)[0].minusMinutes(10), db.times(118)[1].minusMinutes(10), "erin", "Early"),
          task(119, db.times(119)[0].plusHours(4), db.times(119)[1].plusHours(4), "frank", "Storm"));
      raw.c.sync().rpush(db.queue, tasks.toArray(String[]::new));
      for (long id = 115; id <= 120; id++) {
        raw.c.sync().setex("flight:" + id, 3600, originalCached(id));
      }
      raw.c.sync().set("flight:117", "not the original's value"); // same name, another format: kept

      Captured first = Captured.run(args(db, "adopt", "--import-queue", "--queue", db.queue, "--max-tasks", "4"));
      assertThat(first.exitCode()).as(first.toString()).isZero();
      assertThat(first.out()).contains("Imported 4 task(s)", "2 task(s) left: run again");
      assertThat(raw.c.sync().llen(db.queue)).isEqualTo(2);
      assertThat(journal(raw, db)).hasSize(4);

      Captured rest = Captured.run(args(db, "adopt", "--import-queue", "--queue", db.queue));
      assertThat(rest.exitCode()).as(rest.toString()).isZero();
      assertThat(rest.out()).contains("Imported 2 task(s)", "The queue is empty", "writebehind worker");
      assertThat(raw.c.sync().exists(db.queue)).isZero();

      // Each task is journaled once, in queue order, as the write `writebehind` makes for new times.
      List<StreamMessage<String, String>> entries = journal(raw, db);
      assertThat(entries).hasSize(tasks.size());
      FlightCodec codec = new FlightCodec();
      Flight f115 = codec.decodeValue(raw.c.sync().hget(new KeyLayout(db.namespace, PARTITIONS).valueKey("115"), "d")
          .getBytes(StandardCharsets.UTF_8));
      Flight expected115 = new Flight(115, "AM5136", t115[0].plusHours(3), t115[1].plusHours(3), 7, 4001, "YPC", "XGR",
          "American Samoa Airlines");
      assertThat(f115).isEqualTo(expected115);
      List<String> metas = entries.stream().map(e -> e.getBody().get("m")).toList();
      assertThat(metas).containsExactlyInAnyOrder(FlightChange.of("alice", "Flight delayed by 2 hours due to weather").toMeta(),
          FlightChange.of("bob", "Crew change").toMeta(), FlightChange.of("carol", "Delayed again").toMeta(),
          FlightChange.of("dave", "Slot").toMeta(), FlightChange.of("erin", "Early").toMeta(),
          FlightChange.of("frank", "Storm").toMeta());
      StreamMessage<String, String> last115 = entries.stream().filter(e -> e.getBody().get("k").equals("115"))
          .reduce((a, b) -> b).orElseThrow();
      assertThat(last115.getBody()).containsEntry("o", "p").containsEntry("d", codec.toJson(expected115))
          .containsEntry("m", FlightChange.of("carol", "Delayed again").toMeta());

      // The original's keys of the imported flights are gone; others, and other formats, stay.
      for (long id : new long[] {115, 116, 118, 119}) {
        assertThat(raw.c.sync().exists("flight:" + id)).as("flight:%d", id).isZero();
      }
      assertThat(raw.c.sync().get("flight:117")).isEqualTo("not the original's value");
      assertThat(raw.c.sync().get("flight:120")).isEqualTo(originalCached(120));
      assertThat(db.rows()).as("nothing reaches the database before a worker").isEqualTo(before);

      Map<String, String> env = new HashMap<>();
      env.put("VALKEY_URL", TestServers.valkeyUrl());
      env.put("DATABASE_URL", db.url);
      try (ChildJvm worker = ChildJvm.start(Main.class, List.of("worker", "--namespace", db.namespace, "--quiet"), env,
          dir.resolve("worker.log"))) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!db.times(119)[0].equals(before119(tasks)) || !db.times(115)[0].equals(t115[0].plusHours(3))) {
          assertThat(System.currentTimeMillis()).as(worker.output()).isLessThan(deadline);
          assertThat(worker.isAlive()).as(worker.output()).isTrue();
          Thread.sleep(100);
        }
        worker.sigterm();
        assertThat(worker.waitFor(Duration.ofSeconds(30))).as(worker.output()).isZero();
      }
      assertThat(db.times(115)).containsExactly(t115[0].plusHours(3), t115[1].plusHours(3));
      assertThat(db.count("SELECT COUNT(*) FROM flight_log WHERE flight_id = 118 AND comment = 'Early'")).isEqualTo(1);

      Captured demo = Captured.run(demo(db));
      assertThat(demo.exitCode()).as(demo.toString()).isZero();
    }
  }

  private static LocalDateTime before119(List<String> tasks) {
    String t = tasks.get(5);
    int i = t.indexOf("new_departure\": \"") + "new_departure\": \"".length();
    return LocalDateTime.parse(t.substring(i, t.indexOf('"', i)));
  }

  /**
   * A run killed with kill -9 in the middle of the import: at that instant every task is in
   * the list or in the journal, never both; the next run moves the rest, each exactly once.
   */
  @Test
  void anImportKilledMidwayLosesAndDoublesNoTask(@TempDir Path dir) throws Exception {
    int n = 5000;
    try (OriginalDatabase db = OriginalDatabase.create("mariadb");
         Raw raw = new Raw()) {
      assertThat(Captured.run(args(db, "adopt")).exitCode()).isZero();
      LocalDateTime base = LocalDateTime.of(2025, 11, 1, 0, 0);
      List<String> tasks = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        long flight = OriginalDatabase.FIRST_FLIGHT + i % 8;
        tasks.add(task(flight, base.plusMinutes(i), base.plusMinutes(i + 90), "u", "task " + i));
      }
      raw.c.sync().rpush(db.queue, tasks.toArray(String[]::new));

      Map<String, String> env = Map.of("VALKEY_URL", TestServers.valkeyUrl(), "DATABASE_URL", db.url);
      try (ChildJvm importer = ChildJvm.start(Main.class,
          List.of("adopt", "--import-queue", "--queue", db.queue, "--namespace", db.namespace), env,
          dir.resolve("import.log"))) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (raw.c.sync().llen(db.queue) > n - 300) {
          assertThat(System.currentTimeMillis()).as(importer.output()).isLessThan(deadline);
          assertThat(importer.isAlive()).as(importer.output()).isTrue();
          Thread.sleep(2);
        }
        importer.kill9();
        importer.waitFor(Duration.ofSeconds(10));
      }
      long left = raw.c.sync().llen(db.queue);
      List<StreamMessage<String, String>> journaled = journal(raw, db);
      assertThat(left).as("killed midway").isPositive();
      assertThat(journaled.size() + left).isEqualTo(n);
      assertThat(raw.c.sync().lrange(db.queue, 0, -1)).isEqualTo(tasks.subList(n - (int) left, n));

      Captured rest = Captured.run(args(db, "adopt", "--import-queue", "--queue", db.queue));
      assertThat(rest.exitCode()).as(rest.toString()).isZero();
      assertThat(raw.c.sync().exists(db.queue)).isZero();
      List<String> comments = journal(raw, db).stream()
          .map(e -> FlightChange.fromMeta(e.getBody().get("m")).comment()).sorted().toList();
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        expected.add("task " + i);
      }
      expected.sort(null);
      assertThat(comments).isEqualTo(expected);
    }
  }

  /** Every journal entry of the namespace, partition by partition, each partition in its order. */
  private static List<StreamMessage<String, String>> journal(Raw raw, OriginalDatabase db) {
    KeyLayout layout = new KeyLayout(db.namespace, PARTITIONS);
    List<StreamMessage<String, String>> all = new ArrayList<>();
    for (int p = 0; p < PARTITIONS; p++) {
      all.addAll(raw.c.sync().xrange(layout.journalKey(p), Range.create("-", "+")));
    }
    return all;
  }

  private static final class Raw implements AutoCloseable {
    final RedisClient client = RedisClient.create(TestServers.valkeyUrl());
    final StatefulRedisConnection<String, String> c = client.connect();

    @Override
    public void close() {
      c.close();
      client.shutdown();
    }
  }
}
