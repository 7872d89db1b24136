package io.writebehind.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.writebehind.admin.DeadLetter;
import io.writebehind.it.EventFixture.Reading;
import io.writebehind.sink.EventBatch;
import io.writebehind.sink.EventSink;
import io.writebehind.testkit.NamedServer;
import io.writebehind.testkit.TestServers;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.sql.SQLException;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Events: every acknowledged append lands in the database exactly once, with the id append
 * returned, whatever is read twice; one the database refuses goes to the dead letters and
 * the rest of its batch lands.
 */
class EventsIT {
  private static final WorkerOptions FAST = WorkerOptions.builder().leaseTtl(Duration.ofMillis(800))
      .linger(Duration.ofMillis(5)).batchSize(100).build();

  static Stream<Arguments> databases() {
    return Fixture.databases();
  }

  /** Both databases on Valkey, and both on Redis 7. */
  static Stream<Arguments> serversAndDatabases() {
    List<Arguments> out = new ArrayList<>();
    for (NamedServer s : TestServers.redisServers()) {
      out.add(Arguments.of(s.name() + "/postgresql", s.url(), TestServers.postgresJdbcUrl()));
      out.add(Arguments.of(s.name() + "/mariadb", s.url(), TestServers.mariadbJdbcUrl()));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("serversAndDatabases")
  void concurrentAppendsLandOnceEachWithTheirIds(String name, String valkeyUrl, String jdbcUrl) throws Exception {
    try (EventFixture f = new EventFixture(valkeyUrl, jdbcUrl, 4)) {
      Map<Long, Long> lastValue = new ConcurrentHashMap<>();
      List<Thread> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        final long sensor = 100 + w;
        final int form = w % 3;
        writers.add(new Thread(() -> {
          for (int i = 1; i <= 600; i += 3) {
            // Each writer its own sensor, so the latest of each is known; three forms of append.
            List<Map.Entry<Long, Reading>> three = new ArrayList<>();
            for (int j = 0; j < 3; j++) {
              three.add(new AbstractMap.SimpleEntry<>(sensor, new Reading(i + j, "r" + (i + j))));
            }
            long[] ids = switch (form) {
              case 0 -> three.stream().mapToLong(e -> f.events.append(e.getKey(), e.getValue())).toArray();
              case 1 -> three.stream().map(e -> f.events.appendAsync(e.getKey(), e.getValue())).toList().stream()
                  .mapToLong(CompletableFuture::join).toArray();
              default -> f.events.appendAll(three);
            };
            for (long id : ids) {
              f.acked.put(id, sensor);
            }
            lastValue.put(sensor, (long) i + 2);
          }
        }));
      }
      try (Worker worker = f.events.startWorker(FAST)) {
        writers.forEach(Thread::start);
        for (Thread t : writers) {
          t.join();
        }
        f.events.flush(Duration.ofSeconds(60));
      }
      f.assertExactlyOnce(0);
      assertThat(f.acked).hasSize(4 * 600);
      for (Map.Entry<Long, Long> e : lastValue.entrySet()) {
        assertThat(f.events.latest(e.getKey())).as("latest of %d", e.getKey()).contains(new Reading(e.getValue(), "r" + e.getValue()));
        assertThat(f.events.recent(e.getKey())).extracting(Reading::value)
            .containsExactly(e.getValue(), e.getValue() - 1, e.getValue() - 2);
      }
      assertThat(f.events.latest(999L)).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aBatchCommittedWhoseAcknowledgementNeverCameIsNotStoredAgain(String name, String jdbcUrl) throws Exception {
    AtomicInteger lostAfterCommit = new AtomicInteger(3);
    try (EventFixture f = new EventFixture(TestServers.valkeyUrl(), jdbcUrl, 2, losingAcksAfterCommit(
        batch -> !batch.runs().isEmpty() && lostAfterCommit.getAndDecrement() > 0))) {
      for (int i = 0; i < 300; i++) {
        f.append(i % 20, i);
      }
      try (Worker worker = f.events.startWorker(FAST)) {
        f.events.flush(Duration.ofSeconds(60));
      }
      assertThat(lostAfterCommit.get()).as("every simulated loss happened").isLessThan(0);
      f.assertExactlyOnce(0);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aJournalReadAgainFromItsStartStoresNothingTwice(String name, String jdbcUrl) throws Exception {
    try (EventFixture f = new EventFixture(TestServers.valkeyUrl(), jdbcUrl, 2)) {
      WorkerOptions keep = FAST.mutate().trimJournal(false).build();
      for (int i = 0; i < 200; i++) {
        f.append(i % 10, i);
      }
      try (Worker worker = f.events.startWorker(keep)) {
        f.events.flush(Duration.ofSeconds(60));
      }
      // Valkey forgets what was committed: every entry is read and handed to the sink again.
      try (RedisClient client = RedisClient.create(f.valkeyUrl);
           StatefulRedisConnection<String, String> c = client.connect()) {
        for (int p = 0; p < 2; p++) {
          c.sync().xgroupSetid(io.lettuce.core.XReadArgs.StreamOffset.from(f.namespace + "#journal{" + p + "}", "0"),
              "writebehind");
          c.sync().del(f.namespace + "#committed{" + p + "}");
        }
      }
      f.append(3, 1000);
      try (Worker worker = f.events.startWorker(keep)) {
        f.events.flush(Duration.ofSeconds(60));
      }
      f.assertExactlyOnce(0);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void theSameBatchFromTwoWorkersIsStoredOnce(String name, String jdbcUrl) throws Exception {
    try (EventFixture f = new EventFixture(TestServers.valkeyUrl(), jdbcUrl, 1)) {
      // A zombie and the partition's new owner hand the sink the same run at the same time.
      List<EventBatch.Event<Long, Reading>> run = new ArrayList<>();
      for (int i = 1; i <= 50; i++) {
        run.add(new EventBatch.Event<>(i * 1_000_000L, i * 1_000_000L, 7L, new Reading(i, "z")));
      }
      EventBatch<Long, Reading> batch = new EventBatch<>(f.namespace, List.of(new EventBatch.Run<>(0, 0, 50_000_000L, run)));
      List<Thread> both = new ArrayList<>();
      List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
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
      assertThat(f.rows()).hasSize(50).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
      // A run that starts past the position (entries between never stored) is refused whole.
      EventBatch<Long, Reading> past = new EventBatch<>(f.namespace, List.of(new EventBatch.Run<>(0, 60_000_000L, 61_000_000L,
          List.of(new EventBatch.Event<>(61_000_000L, 61_000_000L, 7L, new Reading(61, "z"))))));
      assertThat(f.jdbc.apply(past)).containsExactly(0);
      assertThat(f.rows()).hasSize(50);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void eventsTheDatabaseOrTheCodecRefuseAreDeadLetteredAndTheRestOfTheirBatchLands(String name, String jdbcUrl)
      throws Exception {
    try (EventFixture f = new EventFixture(TestServers.valkeyUrl(), jdbcUrl, 1)) {
      for (int i = 0; i < 40; i++) {
        f.append(1, i);
      }
      // A note longer than the column takes (22001), and an entry that does not decode.
      long tooLong = f.events.append(2L, new Reading(1, "far too long for sixteen"));
      try (RedisClient client = RedisClient.create(f.valkeyUrl);
           StatefulRedisConnection<String, String> c = client.connect()) {
        c.sync().xadd(f.namespace + "#journal{0}", Map.of("k", "3", "o", "e", "d", "no bar here"));
      }
      for (int i = 40; i < 80; i++) {
        f.append(1, i);
      }
      try (Worker worker = f.events.startWorker(FAST.mutate().batchSize(500).build())) {
        f.events.flush(Duration.ofSeconds(60));
      }
      f.assertExactlyOnce(0);
      List<DeadLetter> dead = f.events.admin().deadLetters().list(10);
      assertThat(dead).extracting(DeadLetter::key).containsExactlyInAnyOrder("2", "3");
      assertThat(dead).filteredOn(d -> d.key().equals("2")).singleElement()
          .satisfies(d -> assertThat(d.version()).isEqualTo(tooLong));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aMissingTableIsWaitedForNotEmptiedIntoTheDeadLetters(String name, String jdbcUrl) throws Exception {
    try (EventFixture f = new EventFixture(TestServers.valkeyUrl(), jdbcUrl, 1)) {
      f.exec("ALTER TABLE " + f.table + " RENAME TO " + f.table + "_away");
      for (int i = 0; i < 30; i++) {
        f.append(1, i);
      }
      try (Worker worker = f.events.startWorker(FAST)) {
        Thread.sleep(1500);
        assertThat(f.events.admin().deadLetters().list(10)).isEmpty();
        f.exec("ALTER TABLE " + f.table + "_away RENAME TO " + f.table);
        f.events.flush(Duration.ofSeconds(60));
      }
      f.assertExactlyOnce(0);
      assertThat(f.events.admin().deadLetters().list(10)).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aJournalThatVanishedIsCountedAsALossNotPassedOverInSilence(String name, String jdbcUrl) throws Exception {
    try (EventFixture f = new EventFixture(TestServers.valkeyUrl(), jdbcUrl, 1)) {
      f.append(1, 1);
      try (RedisClient client = RedisClient.create(f.valkeyUrl);
           StatefulRedisConnection<String, String> c = client.connect()) {
        c.sync().del(f.namespace + "#journal{0}");
      }
      f.acked.clear();
      f.append(1, 2);
      assertThat(f.events.admin().status().journalLosses()).isEqualTo(1);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.events.flush(Duration.ofSeconds(5)))
          .isInstanceOf(io.writebehind.JournalLostException.class);
      f.events.admin().acknowledgeJournalLosses();
      try (Worker worker = f.events.startWorker(FAST)) {
        f.events.flush(Duration.ofSeconds(60));
      }
      f.assertExactlyOnce(0);
    }
  }

  /** The real sink, but for the batches {@code lose} picks it commits and then fails as if the answer were lost. */
  private static java.util.function.UnaryOperator<EventSink<Long, Reading>> losingAcksAfterCommit(
      Predicate<EventBatch<Long, Reading>> lose) {
    return real -> batch -> {
      Set<Integer> gaps = real.apply(batch);
      if (lose.test(batch)) {
        throw new SQLException("connection lost after the commit (simulated)", "08006");
      }
      return gaps;
    };
  }
}
