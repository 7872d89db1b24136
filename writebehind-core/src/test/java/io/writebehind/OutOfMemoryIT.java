package io.writebehind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.api.StatefulRedisConnection;
import io.writebehind.testkit.ManagedValkey;
import io.writebehind.worker.Worker;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under {@code noeviction} (the policy the README recommends) a full server refuses writes,
 * and everything that frees memory keeps working: a worker started then takes its
 * partitions, drains the journal and trims it, and writes are taken again.
 */
class OutOfMemoryIT {
  @Test
  void aFullServerRefusesWritesButDrainsAndRecovers(@TempDir Path tmp) throws Exception {
    try (ManagedValkey server = ManagedValkey.start(tmp.resolve("v"), false, "everysec");
         StatefulRedisConnection<String, String> raw = Servers.raw(server.url())) {
      long baseline = usedMemory(raw);
      raw.sync().configSet("maxmemory", Long.toString(baseline + 4 * 1024 * 1024));
      raw.sync().configSet("maxmemory-policy", "noeviction");
      VersionedMapSink sink = new VersionedMapSink();
      String value = "x".repeat(20_000);
      // values expire at once after their flush, so that the drain frees them as well as the journal
      try (WriteBehind<String, String> wb = WriteBehind.builder(Codecs.textKeysTextValues()).valkeyUrl(server.url())
          .namespace("oom").partitions(4).ttl(Duration.ofMillis(1)).sink(sink).build()) {
        int accepted = 0;
        WriteBehindException refused = null;
        for (int i = 0; i < 2_000 && refused == null; i++) {
          try {
            wb.put("k" + i, value);
            accepted++;
          } catch (WriteBehindException e) {
            refused = e;
          }
        }
        assertThat(refused).as("a write refused once memory is full").isNotNull();
        assertThat(refused.getMessage()).contains("OOM");
        assertThat(accepted).isPositive();
        // a second engine starts on the full server (it only reads the namespace record)
        try (WriteBehind<String, String> other = WriteBehind.builder(Codecs.textKeysTextValues())
            .valkeyUrl(server.url()).namespace("oom").partitions(4).sink(sink).build();
             Worker w = other.startWorker(WorkerIT.FAST)) {
          wb.flush(Duration.ofSeconds(30));
        }
        assertThat(sink.rows).hasSize(accepted);
        assertThat(wb.admin().status().journalLength()).isZero();
        // flushed values expire a millisecond after their flush; the server frees them as it meets them
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
          try {
            wb.put("after", "room again");
            break;
          } catch (WriteBehindException e) {
            if (System.nanoTime() > deadline) {
              throw e;
            }
            Thread.sleep(50);
          }
        }
      }
    }
  }

  @Test
  void aJournalFullOfUnflushedWritesIsNotLostToAFailedDeadLetterMove(@TempDir Path tmp) throws Exception {
    try (ManagedValkey server = ManagedValkey.start(tmp.resolve("v"), false, "everysec");
         StatefulRedisConnection<String, String> raw = Servers.raw(server.url())) {
      VersionedMapSink sink = new VersionedMapSink();
      sink.refused.put("bad", "22001");
      try (WriteBehind<String, String> wb = WriteBehind.builder(Codecs.textKeysTextValues()).valkeyUrl(server.url())
          .namespace("oomdlq").partitions(1).sink(sink).build()) {
        wb.put("bad", "x".repeat(50_000));
        raw.sync().configSet("maxmemory", Long.toString(usedMemory(raw) - 1024));
        assertThatThrownBy(() -> wb.put("more", "y")).hasMessageContaining("OOM");
        try (Worker w = wb.startWorker(WorkerIT.FAST)) {
          wb.flush(Duration.ofSeconds(20));
        }
        assertThat(wb.admin().deadLetters().list(10)).singleElement().satisfies(d -> assertThat(d.key()).isEqualTo("bad"));
      }
    }
  }

  private static long usedMemory(StatefulRedisConnection<String, String> raw) {
    return raw.sync().info("memory").lines().filter(l -> l.startsWith("used_memory:")).findFirst()
        .map(l -> Long.parseLong(l.substring("used_memory:".length()).trim())).orElseThrow();
  }
}
