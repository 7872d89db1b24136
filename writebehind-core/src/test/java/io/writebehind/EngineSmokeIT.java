package io.writebehind;

import static org.assertj.core.api.Assertions.assertThat;

import io.writebehind.testkit.TestServers;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.time.Duration;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EngineSmokeIT {
  @Test
  void putFlushRead() {
    VersionedMapSink sink = new VersionedMapSink();
    try (WriteBehind<String, String> wb = WriteBehind.builder(Codecs.textKeysTextValues())
        .valkeyUrl(TestServers.valkeyUrl()).namespace("smoke-" + UUID.randomUUID()).sink(sink).partitions(4).build()) {
      long v1 = wb.put("a", "1");
      long v2 = wb.put("a", "2");
      assertThat(v2).isGreaterThan(v1);
      assertThat(wb.getIfPresent("a")).contains("2");
      Worker w = wb.startWorker(WorkerOptions.defaults());
      wb.flush(Duration.ofSeconds(10));
      assertThat(sink.rows.get("a").value()).isEqualTo("2");
      assertThat(sink.rows.get("a").version()).isEqualTo(v2);
      assertThat(wb.admin().status().journalLength()).isZero();
      w.close();
      wb.admin().purgeNamespace();
    }
  }

  @Test
  void enginesShareTheApplicationsEventLoopsAndLeaveThemRunning() {
    ClientResources shared = DefaultClientResources.create();
    try {
      for (int i = 0; i < 2; i++) {
        try (WriteBehind<String, String> wb = WriteBehind.builder(Codecs.textKeysTextValues())
            .valkeyUrl(TestServers.valkeyUrl()).namespace("shared-" + UUID.randomUUID()).partitions(1)
            .clientResources(shared).build()) {
          wb.put("a", "1");
          assertThat(wb.getIfPresent("a")).contains("1");
          wb.admin().purgeNamespace();
        }
        assertThat(shared.eventExecutorGroup().isShuttingDown()).isFalse();
      }
    } finally {
      shared.shutdown();
    }
  }
}
