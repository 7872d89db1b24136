package io.writebehind.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildJvmIT {
  @TempDir Path tmp;

  @Test
  void exitCodeAndOutput() {
    try (ChildJvm c = ChildJvm.start(SleeperMain.class, List.of("exit", "7"), Map.of("WB_CHILD_TEST", "yes"),
        tmp.resolve("a.log"))) {
      assertThat(c.waitFor(Duration.ofSeconds(30))).isEqualTo(7);
      assertThat(c.output()).contains("started exit,7 env=yes");
      assertThat(c.isAlive()).isFalse();
    }
  }

  @Test
  void kill9SkipsShutdownHooksAndSigtermRunsThem() throws Exception {
    ChildJvm a = ChildJvm.start(SleeperMain.class, List.of("sleep"), Map.of(), tmp.resolve("k.log"));
    ChildJvm b = ChildJvm.start(SleeperMain.class, List.of("sleep"), Map.of(), tmp.resolve("t.log"));
    awaitOutput(a, "started");
    awaitOutput(b, "started");
    assertThat(a.pid()).isNotEqualTo(ProcessHandle.current().pid());
    a.kill9();
    assertThat(a.isAlive()).isFalse();
    assertThat(ProcessHandle.of(a.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(a.output()).doesNotContain("shutdown hook ran");
    b.sigterm();
    assertThat(b.waitFor(Duration.ofSeconds(30))).isEqualTo(143);
    assertThat(b.output()).contains("shutdown hook ran");
  }

  private static void awaitOutput(ChildJvm c, String text) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!c.output().contains(text)) {
      assertThat(System.nanoTime()).as("waiting for '%s' in %s", text, c).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
