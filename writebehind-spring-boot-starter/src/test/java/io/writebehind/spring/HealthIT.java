package io.writebehind.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.writebehind.testkit.ManagedValkey;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The health indicator on a Valkey server of this test's own, which it stops: UP, then
 * OUT_OF_SERVICE once a write waits longer than the threshold (no worker here), then DOWN.
 */
@SpringBootTest(classes = TestApp.class, properties = {
    "writebehind.worker.enabled=false",
    "writebehind.health.max-window=300ms",
    "writebehind.health.timeout=1s",
    "writebehind.command-timeout=2s"})
@DirtiesContext
class HealthIT {
  private static ManagedValkey valkey;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry r) {
    valkey = ManagedValkey.start(Path.of("target", "health-it-valkey"), false, "no").deleteDirOnExit();
    r.add("writebehind.valkey-url", valkey::url);
    r.add("spring.datasource.url", TestDatabase::url);
  }

  @AfterAll
  static void stopServer() {
    valkey.close();
  }

  @Autowired WriteBehindHealthIndicator health;
  @Autowired WriteBehindCacheManager caches;

  @Test
  void upThenOutOfServiceWhenBehindThenDownWhenValkeyStops() throws InterruptedException {
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);

    caches.getCache("kv").put("k", "v");
    Thread.sleep(500);
    Health behind = health.health();
    assertThat(behind.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    assertThat(behind.getDetails().get("kv").toString()).contains("reason=oldest unflushed write waited");

    valkey.stop();
    long t0 = System.nanoTime();
    Health down = health.health();
    long millis = (System.nanoTime() - t0) / 1_000_000;
    assertThat(down.getStatus()).isEqualTo(Status.DOWN);
    assertThat(down.getDetails().get("kv").toString()).contains("error=");
    assertThat(millis).as("answers within the health timeout, not the command timeout").isLessThan(1900);
  }
}
