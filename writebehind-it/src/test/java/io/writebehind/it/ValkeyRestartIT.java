package io.writebehind.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.writebehind.testkit.ManagedValkey;
import io.writebehind.testkit.TestServers;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Promise 2 with the journal's own server dying: kill -9 of Valkey with AOF always, then a restart. */
class ValkeyRestartIT {
  @Test
  void acknowledgedWritesSurviveAValkeyCrashWithAofAlways(@TempDir Path dir) throws Exception {
    try (ManagedValkey valkey = ManagedValkey.start(dir, true, "always");
         Fixture f = new Fixture(valkey.url(), TestServers.postgresJdbcUrl(), 4)) {
      AckedWrites acked = new AckedWrites();
      for (int i = 0; i < 2000; i++) {
        long key = i % 300;
        String value = "v" + i;
        acked.acknowledged(key, f.engine.put(key, value), value);
      }
      valkey.kill();
      valkey.restart();
      // Lettuce reconnects by itself; the journal and the dirty values came back from the AOF.
      try (Worker w = f.engine.startWorker(WorkerOptions.defaults())) {
        f.engine.flush(Duration.ofSeconds(60));
      }
      acked.assertAllIn(f);
      assertThat(f.engine.admin().status().journalLength()).isZero();
    }
  }
}
