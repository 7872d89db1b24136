package io.writebehind.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.writebehind.CounterOverflowException;
import io.writebehind.sink.CounterRow;
import io.writebehind.sink.CounterSink;
import io.writebehind.sink.DeltaBatch;
import io.writebehind.testkit.NamedServer;
import io.writebehind.testkit.TestServers;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Counters: every acknowledged delta reaches the database exactly once, added to what the
 * row holds, whatever is read twice; and the cache never shows a total that lacks deltas
 * still in the journal.
 */
class CountersIT {
  private static final WorkerOptions FAST = WorkerOptions.builder().leaseTtl(Duration.ofMillis(800))
      .linger(Duration.ofMillis(5)).batchSize(100).build();

  static Stream<Arguments> databases() {
    return Fixture.databases();
  }

  /** Both databases on Valkey, and PostgreSQL on Redis 7. */
  static Stream<Arguments> serversAndDatabases() {
    List<Arguments> out = new ArrayList<>();
    for (NamedServer s : TestServers.redisServers()) {
      out.add(Arguments.of(s.name() + "/postgresql", s.url(), TestServers.postgresJdbcUrl()));
      if (s.name().equals("valkey")) {
        out.add(Arguments.of(s.name() + "/mariadb", s.url(), TestServers.mariadbJdbcUrl()));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("serversAndDatabases")
  void concurrentIncrementsAreAddedOnceToWhatTheRowsHold(String name, String valkeyUrl, String jdbcUrl) throws Exception {
    try (CounterFixture f = new CounterFixture(valkeyUrl, jdbcUrl, 4)) {
      // Rows other writers keep: one with a total, one with NULL.
      f.exec("INSERT INTO " + f.table + " (id, views, bookings) VALUES (1, 1000, 7), (2, NULL, NULL)");
      assertThat(f.view(1, 1)).as("the first increment reads the row's total").isEqualTo(1001);
      List<Thread> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        writers.add(new Thread(() -> {
          ThreadLocalRandom r = ThreadLocalRandom.current();
          for (int i = 0; i < 500; i++) {
            f.view(1 + r.nextInt(30), 1 + r.nextInt(3));
          }
        }));
      }
      try (Worker worker = f.counters.startWorker(FAST)) {
        writers.forEach(Thread::start);
        for (Thread t : writers) {
          t.join();
        }
        f.counters.flush(Duration.ofSeconds(60));
      }
      f.assertExactlyOnce(Map.of(1L, 1000L));
      assertThat(f.counters.get(1L).get("bookings")).as("a field nobody incremented keeps the row's total").isEqualTo(7);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aBatchCommittedWhoseAcknowledgementNeverCameIsNotAddedAgain(String name, String jdbcUrl) throws Exception {
    AtomicInteger lostAfterCommit = new AtomicInteger(3);
    try (CounterFixture f = new CounterFixture(TestServers.valkeyUrl(), jdbcUrl, 2, losingAcksAfterCommit(
        batch -> !batch.runs().isEmpty() && lostAfterCommit.getAndDecrement() > 0))) {
      for (int i = 0; i < 300; i++) {
        f.view(i % 20, 1);
      }
      try (Worker worker = f.counters.startWorker(FAST)) {
        f.counters.flush(Duration.ofSeconds(60));
      }
      assertThat(lostAfterCommit.get()).as("every simulated loss happened").isLessThan(0);
      f.assertExactlyOnce(Map.of());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aJournalReadAgainFromItsStartAddsNothing(String name, String jdbcUrl) throws Exception {
    try (CounterFixture f = new CounterFixture(TestServers.valkeyUrl(), jdbcUrl, 2)) {
      WorkerOptions keep = FAST.mutate().trimJournal(false).build();
      for (int i = 0; i < 200; i++) {
        f.view(i % 10, 2);
      }
      try (Worker worker = f.counters.startWorker(keep)) {
        f.counters.flush(Duration.ofSeconds(60));
      }
      Map<Long, Long> once = f.views();
      // Valkey forgets what was committed: every entry is read and handed to the sink again.
      try (RedisClient client = RedisClient.create(f.valkeyUrl);
           StatefulRedisConnection<String, String> c = client.connect()) {
        for (int p = 0; p < 2; p++) {
          c.sync().xgroupSetid(io.lettuce.core.XReadArgs.StreamOffset.from(f.namespace + "#journal{" + p + "}", "0"),
              "writebehind");
          c.sync().del(f.namespace + "#committed{" + p + "}");
        }
      }
      f.view(3, 5);
      try (Worker worker = f.counters.startWorker(keep)) {
        f.counters.flush(Duration.ofSeconds(60));
      }
      Map<Long, Long> expected = new java.util.HashMap<>(once);
      expected.merge(3L, 5L, Long::sum);
      assertThat(f.views()).isEqualTo(expected);
      f.assertExactlyOnce(Map.of());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void theSameBatchFromTwoWorkersIsAddedOnce(String name, String jdbcUrl) throws Exception {
    try (CounterFixture f = new CounterFixture(TestServers.valkeyUrl(), jdbcUrl, 1)) {
      // A zombie and the partition's new owner hand the sink the same run at the same time.
      DeltaBatch<Long> batch = new DeltaBatch<>(f.namespace, List.of("views", "bookings"), List.of(
          new DeltaBatch.Run<>(0, 0, 3_000_000L, List.of(
              new DeltaBatch.Delta<>(1_000_000L, 9L, Map.of("views", 4L)),
              new DeltaBatch.Delta<>(3_000_000L, 9L, Map.of("views", 6L, "bookings", 1L))))));
      List<Thread> both = new ArrayList<>();
      List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
      for (int i = 0; i < 2; i++) {
        both.add(new Thread(() -> {
          try {
            f.jdbc.apply(batch);
          } catch (Throwable e) {
            errors.add(e);
          }
        }));
      }
      both.forEach(Thread::start);
      for (Thread t : both) {
        t.join();
      }
      assertThat(errors).isEmpty();
      assertThat(f.views()).containsExactlyEntriesOf(Map.of(9L, 10L));
      // A run that starts past the position (entries between never applied) is refused whole.
      DeltaBatch<Long> past = new DeltaBatch<>(f.namespace, List.of("views", "bookings"), List.of(
          new DeltaBatch.Run<>(0, 5_000_000L, 6_000_000L, List.of(new DeltaBatch.Delta<>(6_000_000L, 9L, Map.of("views", 1L))))));
      assertThat(f.jdbc.apply(past)).containsExactly(0);
      assertThat(f.views()).containsExactlyEntriesOf(Map.of(9L, 10L));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void theCacheNeverShowsATotalThatLacksPendingDeltas(String name, String jdbcUrl) throws Exception {
    AtomicInteger lostAfterCommit = new AtomicInteger(0);
    try (CounterFixture f = new CounterFixture(TestServers.valkeyUrl(), jdbcUrl, 1, losingAcksAfterCommit(
        batch -> lostAfterCommit.get() > 0));
         RedisClient client = RedisClient.create(TestServers.valkeyUrl());
         StatefulRedisConnection<String, String> c = client.connect()) {
      String hash = f.namespace + ":{0}:7";
      f.exec("INSERT INTO " + f.table + " (id, views) VALUES (7, 100)");
      f.view(7, 5);
      f.view(7, 5);
      // Gone from the cache with its deltas still in the journal (an eviction, a DEL by hand):
      // read back as the database's 100 plus the journal's 10.
      c.sync().del(hash);
      assertThat(f.counters.get(7L).get("views")).isEqualTo(110);
      assertThat(c.sync().pttl(hash)).as("a counter with pending deltas never expires").isEqualTo(-1);
      // Applied, and the acknowledgement lost: the journal still holds deltas the database has.
      lostAfterCommit.set(1);
      try (Worker worker = f.counters.startWorker(FAST)) {
        awaitViews(f, 7L, 110);
      }
      c.sync().del(hash);
      assertThat(f.counters.get(7L).get("views")).as("deltas the database has are not counted twice").isEqualTo(110);
      assertThat(f.view(7, 1)).isEqualTo(111);
      lostAfterCommit.set(0);
      try (Worker worker = f.counters.startWorker(FAST)) {
        f.counters.flush(Duration.ofSeconds(60));
      }
      assertThat(c.sync().pttl(hash)).as("once the database has everything, the counter expires").isPositive();
      c.sync().del(hash);
      assertThat(f.view(7, 1)).as("an expired counter is read from the database first").isEqualTo(112);
      try (Worker worker = f.counters.startWorker(FAST)) {
        f.counters.flush(Duration.ofSeconds(60));
      }
      f.assertExactlyOnce(Map.of(7L, 100L));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aTotalBeyondTheRangeIsRefusedWithNothingStored(String name, String jdbcUrl) throws Exception {
    try (CounterFixture f = new CounterFixture(TestServers.valkeyUrl(), jdbcUrl, 1)) {
      assertThat(f.counters.get(5L)).as("a read first: it journals nothing").containsEntry("views", 0L);
      f.view(1, (1L << 53) - 2);
      assertThatThrownBy(() -> f.counters.increment(1L, Map.of("views", 5L, "bookings", 1L)))
          .isInstanceOf(CounterOverflowException.class).hasMessageContaining("views");
      assertThat(f.counters.get(1L)).containsEntry("views", (1L << 53) - 2).containsEntry("bookings", 0L);
      assertThatThrownBy(() -> f.counters.increment(1L, "likes", 1)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("likes");
      try (Worker worker = f.counters.startWorker(FAST)) {
        f.counters.flush(Duration.ofSeconds(60));
      }
      f.assertExactlyOnce(Map.of());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void checkNamesTheCountersWhoseCacheIsNotTheDatabasePlusItsPendingDeltas(String name, String jdbcUrl) throws Exception {
    try (CounterFixture f = new CounterFixture(TestServers.valkeyUrl(), jdbcUrl, 2)) {
      for (int i = 0; i < 100; i++) {
        f.view(i % 10, 1);
      }
      assertThat(f.counters.check()).as("pending deltas are no drift").isEmpty();
      try (Worker worker = f.counters.startWorker(FAST)) {
        f.counters.flush(Duration.ofSeconds(60));
        assertThat(f.counters.check()).as("all applied").isEmpty();
        f.view(4, 1);
        // Behind the engine's back: a hand edit of the database.
        f.exec("UPDATE " + f.table + " SET views = views + 5 WHERE id = 3");
        f.counters.flush(Duration.ofSeconds(60));
      }
      assertThat(f.counters.check()).containsExactly(new io.writebehind.CounterDrift<>(3L, "views", 10, 15, 0));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void leaderboardDeltasAreAddedOnceAndTheBoardReadsBackWhole(String name, String jdbcUrl) throws Exception {
    AtomicInteger lostAfterCommit = new AtomicInteger(2);
    try (CounterFixture f = new CounterFixture(TestServers.valkeyUrl(), jdbcUrl, 2, losingAcksAfterCommit(
        batch -> !batch.runs().isEmpty() && lostAfterCommit.getAndDecrement() > 0))) {
      f.exec("INSERT INTO " + f.table + "_lb (board, member, score) VALUES ('most-viewed', 99, 1000)");
      Map<Long, Long> acked = new java.util.concurrent.ConcurrentHashMap<>();
      acked.put(99L, 1000L);
      List<Thread> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        writers.add(new Thread(() -> {
          ThreadLocalRandom r = ThreadLocalRandom.current();
          for (int i = 0; i < 300; i++) {
            long member = 1 + r.nextInt(20);
            long delta = 1 + r.nextInt(9);
            f.counters.incrementScore("most-viewed", member, delta);
            acked.merge(member, delta, Long::sum);
          }
        }));
      }
      writers.forEach(Thread::start);
      for (Thread t : writers) {
        t.join();
      }
      List<io.writebehind.Score<Long>> expectedTop = acked.entrySet().stream()
          .sorted(Map.Entry.<Long, Long>comparingByValue().reversed())
          .limit(5).map(e -> new io.writebehind.Score<>(e.getKey(), e.getValue())).toList();
      assertThat(f.counters.top("most-viewed", 5).stream().map(io.writebehind.Score::score).toList())
          .isEqualTo(expectedTop.stream().map(io.writebehind.Score::score).toList());
      try (Worker worker = f.counters.startWorker(FAST)) {
        f.counters.flush(Duration.ofSeconds(60));
      }
      assertThat(lostAfterCommit.get()).isLessThan(0);
      assertThat(f.scores("most-viewed")).isEqualTo(acked);
      try (RedisClient client = RedisClient.create(f.valkeyUrl); StatefulRedisConnection<String, String> c = client.connect()) {
        assertThat(c.sync().del(f.namespace + ":{" + partitionOfBoard(f, "most-viewed") + "}:~board:most-viewed")).isEqualTo(1);
      }
      assertThat(f.counters.top("most-viewed", 20)).hasSize(20).allSatisfy(s -> assertThat(s.score()).isEqualTo(acked.get(s.member())));
      assertThat(f.counters.top("most-viewed", 1).get(0)).isEqualTo(new io.writebehind.Score<>(99L, 1000L));
    }
  }

  /**
   * The real sink, except that a batch the predicate picks is committed and then answered
   * with a lost connection: the worker must retry, and the retry must add nothing.
   */
  private static java.util.function.UnaryOperator<CounterSink<Long>> losingAcksAfterCommit(
      java.util.function.Predicate<DeltaBatch<Long>> lose) {
    return real -> new CounterSink<>() {
      @Override
      public Set<Integer> apply(DeltaBatch<Long> batch) throws Exception {
        Set<Integer> gaps = real.apply(batch);
        if (lose.test(batch)) {
          throw new SQLException("connection reset after the commit", "08006");
        }
        return gaps;
      }

      @Override
      public CounterRow load(String namespace, int partition, Long key, List<String> fields) throws Exception {
        return real.load(namespace, partition, key, fields);
      }

      @Override
      public io.writebehind.sink.BoardRows<Long> loadBoard(String namespace, int partition, String board) throws Exception {
        return real.loadBoard(namespace, partition, board);
      }
    };
  }

  /**
   * Keys that are not integers travel to PostgreSQL as text (integers go as bigint[]):
   * quotes, commas, braces and backslashes must reach the row as they were.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void countersKeyedByTextAreAddedToTheirRows(String name, String jdbcUrl) throws Exception {
    String id = Long.toHexString(System.nanoTime());
    String table = "wb_itct_" + id;
    List<String> keys = List.of("AM5136", "115", "flight \"115\", YPC", "{a,b}", "back\\slash", "it's", "é→XGR");
    try (com.zaxxer.hikari.HikariDataSource ds = io.writebehind.jdbc.DataSources.hikari(jdbcUrl, 2, "itct-" + id)) {
      try (java.sql.Connection c = ds.getConnection(); java.sql.Statement s = c.createStatement()) {
        s.execute("CREATE TABLE " + table + " (id VARCHAR(64) PRIMARY KEY, views BIGINT, bookings BIGINT)");
        s.execute("INSERT INTO " + table + " (id, views, bookings) VALUES ('it''s', 40, 0)");
      }
      io.writebehind.jdbc.JdbcCounterSink<String> sink = io.writebehind.jdbc.JdbcCounterSink.<String>builder(ds, table, "id")
          .build();
      try (io.writebehind.Counters<String> counters = io.writebehind.Counters.builder(io.writebehind.Codecs.textKeys())
          .valkeyUrl(TestServers.valkeyUrl()).namespace("itct-" + id).fields("views", "bookings").sink(sink).build()) {
        for (int round = 0; round < 3; round++) {
          for (int i = 0; i < keys.size(); i++) {
            counters.increment(keys.get(i), "views", i + 1);
          }
        }
        try (Worker worker = counters.startWorker(FAST)) {
          counters.flush(Duration.ofSeconds(60));
        }
        Map<String, Long> views = new java.util.HashMap<>();
        try (java.sql.Connection c = ds.getConnection(); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT id, views FROM " + table)) {
          while (rs.next()) {
            views.put(rs.getString(1), rs.getLong(2));
          }
        }
        Map<String, Long> expected = new java.util.HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
          expected.put(keys.get(i), 3L * (i + 1) + (keys.get(i).equals("it's") ? 40 : 0));
        }
        assertThat(views).isEqualTo(expected);
        counters.admin().purgeNamespace();
      } finally {
        try (java.sql.Connection c = ds.getConnection(); java.sql.Statement s = c.createStatement()) {
          s.execute("DROP TABLE " + table);
        }
      }
    }
  }

  private static int partitionOfBoard(CounterFixture f, String board) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(("~board:" + board).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return (int) (crc.getValue() % 2);
  }

  private static void awaitViews(CounterFixture f, long key, long views) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (f.views().getOrDefault(key, 0L) == views) {
        Thread.sleep(300);
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("views of " + key + " never reached " + views + ": " + f.views());
  }
}
