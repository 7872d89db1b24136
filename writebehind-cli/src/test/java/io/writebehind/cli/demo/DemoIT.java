package io.writebehind.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.writebehind.testkit.TestServers;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The walkthrough end to end on real servers, without a terminal. */
class DemoIT {
  private static final LocalDateTime DEPARTURE = LocalDateTime.of(2025, 10, 1, 11, 19);
  private static final LocalDateTime ARRIVAL = LocalDateTime.of(2025, 10, 1, 15, 3);

  static String[] demo(DemoDatabase db, String... extra) {
    List<String> args = new ArrayList<>(List.of("demo", "--valkey-url", TestServers.valkeyUrl(),
        "--database-url", db.url, "--namespace", db.namespace, "--flights", "5000", "--worker-timeout", "60"));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  @Test
  void runsTheEightStepsOnPostgres() throws Exception {
    try (DemoDatabase db = DemoDatabase.postgres()) {
      runsTheEightSteps(db);
    }
  }

  @Test
  void runsTheEightStepsOnMariadb() throws Exception {
    try (DemoDatabase db = DemoDatabase.mariadb()) {
      runsTheEightSteps(db);
    }
  }

  private static void runsTheEightSteps(DemoDatabase db) throws Exception {
    CliRun run = CliRun.run(demo(db, "--flush", "-v"));
    assertThat(run.exitCode()).as(run.toString()).isZero();
    String out = run.out();
    int step5 = out.indexOf("Step 5:");
    assertThat(step5).as(run.toString()).isPositive();
    assertThat(out.substring(0, step5)).contains("CACHE_MISS", "CACHE_HIT", "Data INCONSISTENCY detected",
        "Queue Status: 1 pending update(s)", "YPC -> XGR", "2025-10-01T11:19:00", "2025-10-01T13:19:00");
    assertThat(out.substring(step5)).contains("Processed: 1 update(s)", "Data is now CONSISTENT",
        "Queue flushed: 1 update(s) processed", "Write speedup", "XREADGROUP", "FOR UPDATE");
    assertThat(out).as("piped output is plain ASCII").matches("\\p{ASCII}*");
    fitsEightyColumns(out);
    for (int step = 1; step <= 8; step++) {
      int from = out.indexOf("Step " + step + ":");
      int to = step == 8 ? out.indexOf("Summary", from) : out.indexOf("Step " + (step + 1) + ":");
      assertThat(out.substring(from, to)).as("-v shows the commands of step " + step)
          .containsPattern("(?m)^    (valkey:|sql:|1\\.) ");
    }
    assertThat(out).contains("never FLUSHALL");

    LocalDateTime[] t = db.times(115);
    assertThat(t).containsExactly(DEPARTURE, ARRIVAL);
    assertThat(db.count("SELECT COUNT(*) FROM flight_log WHERE flight_id = 115")).isEqualTo(2);
    assertThat(db.count("SELECT COUNT(*) FROM flight_log WHERE flight_id <> 115")).as("probe rows are deleted").isZero();

    // A second run without --flush finds the flight cached and says so, and still restores it.
    CliRun again = CliRun.run(demo(db));
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.out()).contains("was already cached", "--flush");
    fitsEightyColumns(again.out());
    assertThat(db.times(115)).containsExactly(DEPARTURE, ARRIVAL);
    assertThat(db.count("SELECT COUNT(*) FROM flight_log WHERE flight_id = 115")).isEqualTo(4);
  }

  /** Every line fits 80 columns but for a server's URL, one a line: two URLs on a line make it as long as both. */
  private static void fitsEightyColumns(String out) {
    assertThat(out.lines()).as("fits 80 columns, but for the servers' URLs, one a line").allSatisfy(l -> {
      assertThat(l.split("://", -1).length - 1).as(l).isLessThanOrEqualTo(1);
      assertThat(l.replaceAll("\\S+://\\S+", "").length()).as(l).isLessThanOrEqualTo(80);
    });
  }

  /** On a server that loses writes in a restart (Redis here: appendonly no), the demo warns as the worker does. */
  @Test
  void warnsOfAServerWithoutAppendOnlyFile() throws Exception {
    try (DemoDatabase db = DemoDatabase.postgres()) {
      String[] args = demo(db);
      args[2] = TestServers.redisUrl();
      try {
        CliRun run = CliRun.run(args);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        String header = run.out().substring(0, run.out().indexOf("Step 1:"));
        assertThat(header).as(run.toString()).contains("! warning: appendonly is off: a restart of the server loses");
        fitsEightyColumns(run.out());
      } finally {
        io.writebehind.cli.TestNamespaces.purge(TestServers.redisUrl(), db.namespace);
      }
    }
  }

  @Test
  void interactiveRunDecliningStep8WarnsAndRestoreUndoesIt() throws Exception {
    try (DemoDatabase db = DemoDatabase.postgres()) {
      // first prompt: flight id (empty keeps 115); then yes to steps 1-7, no to step 8
      CliRun run = CliRun.run(CliRun.answers("", "y", "y", "y", "y", "y", "y", "y", "n"), demo(db, "-i", "--flush"));
      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.out()).contains("Flight ID to use", "Continue to step 8", "The database was modified",
          "writebehind demo --restore -f 115").doesNotContain("Step 8:");
      assertThat(db.times(115)).containsExactly(DEPARTURE.plusHours(2), ARRIVAL.plusHours(2));

      CliRun restore = CliRun.run(demo(db, "--restore"));
      assertThat(restore.exitCode()).as(restore.toString()).isZero();
      assertThat(restore.out()).contains("still delayed by an earlier demo run", "Restored");
      assertThat(db.times(115)).containsExactly(DEPARTURE, ARRIVAL);
      assertThat(db.count("SELECT COUNT(*) FROM flight_log WHERE flight_id = 115")).isEqualTo(2);
    }
  }

  @Test
  void interactivePicksAnotherFlightAfterAnInvalidOneAndStopsAtEof() throws Exception {
    try (DemoDatabase db = DemoDatabase.postgres()) {
      CliRun run = CliRun.run(CliRun.answers("abc", "999999", "7", "y"), demo(db, "-i", "--flush"));
      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.out()).contains("Not a number: abc", "No flight 999999; valid flight ids are 1..5000",
          "Stopped before step 2; nothing was changed.");
      assertThat(run.out()).containsPattern("Flight ID\\s+\\| 7 ");
    }
  }

  @Test
  void unknownFlightIsBadInputWithTheRange() throws Exception {
    try (DemoDatabase db = DemoDatabase.postgres()) {
      CliRun run = CliRun.run(demo(db, "-f", "999999"));
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
      assertThat(run.err().strip()).isEqualTo("writebehind: no flight 999999: valid flight ids are 1..5000");
      assertThat(run.out() + run.err()).doesNotContain("Exception", "\tat ");
    }
  }
}
