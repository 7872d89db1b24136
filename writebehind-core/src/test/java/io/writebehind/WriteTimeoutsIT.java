package io.writebehind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.api.StatefulRedisConnection;
import io.writebehind.worker.Worker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A write has one deadline and tells the truth when it passes: a write sent without an answer
 * is "outcome unknown" (and may land), a refused one is refused, and nothing retries a write
 * after its caller gave up on it.
 */
class WriteTimeoutsIT {
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void aWriteWithoutAnAnswerInTimeHasAnUnknownOutcomeAndMayLand(String name, String url) throws Exception {
    try (WriteBehind<String, String> wb = WriteBehind.builder(Codecs.textKeysTextValues()).valkeyUrl(url)
            .namespace(Servers.namespace("unknown")).partitions(1).commandTimeout(Duration.ofMillis(300)).build();
         StatefulRedisConnection<String, String> raw = Servers.raw(url)) {
      wb.put("warm", "0");
      raw.sync().clientPause(1_000);
      assertThatThrownBy(() -> wb.put("k", "v"))
          .isInstanceOf(WriteOutcomeUnknownException.class)
          .hasMessageContaining("may or may not have been stored");
      Thread.sleep(1_200);
      // it was sent: the server ran it once the pause ended
      assertThat(wb.getIfPresent("k")).contains("v");
      wb.admin().purgeNamespace();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void aBlockedWriteGivesUpBeforeItsCallerAndIsRefused(String name, String url) {
    try (WriteBehind<String, String> wb = WriteBehind.builder(Codecs.textKeysTextValues()).valkeyUrl(url)
        .namespace(Servers.namespace("block")).partitions(1).maxJournalLength(1)
        .overflow(OverflowPolicy.BLOCK).blockTimeout(Duration.ofMillis(200)).commandTimeout(Duration.ofSeconds(2)).build()) {
      wb.put("a", "1");
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> wb.put("b", "2")).isInstanceOf(JournalFullException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
      assertThat(wb.getIfPresent("b")).isEmpty();
      wb.admin().purgeNamespace();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void aWriteItsCallerAbandonedIsNeverRetried(String name, String url) throws Exception {
    VersionedMapSink sink = new VersionedMapSink();
    try (WriteBehind<String, String> wb = WriteBehind.builder(Codecs.textKeysTextValues()).valkeyUrl(url)
        .namespace(Servers.namespace("abandon")).partitions(1).maxJournalLength(1).sink(sink)
        .overflow(OverflowPolicy.BLOCK).blockTimeout(Duration.ofSeconds(5)).commandTimeout(Duration.ofSeconds(10)).build()) {
      wb.put("a", "1");
      CompletableFuture<Long> blocked = wb.putAsync("b", "2");
      Thread.sleep(100);
      assertThat(blocked.cancel(false)).isTrue();
      try (Worker w = wb.startWorker(WorkerIT.FAST)) {
        wb.flush(Duration.ofSeconds(10));
        Thread.sleep(300);
        wb.flush(Duration.ofSeconds(10));
      }
      assertThat(wb.getIfPresent("b")).isEmpty();
      assertThat(sink.rows).containsOnlyKeys("a");
      wb.admin().purgeNamespace();
    }
  }
}
