package io.writebehind.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedValkeyIT {
  @TempDir Path tmp;

  @Test
  void aofAlwaysSurvivesKill9AndRestartOnSamePort() throws Exception {
    try (ManagedValkey v = ManagedValkey.start(tmp.resolve("v"), true, "always")) {
      assertThat(Resp.ping(v.url())).isTrue();
      int port = v.port();
      long pid = v.pid();
      assertThat(call(v, "SET", "k", "v1")).isEqualTo("+OK");
      v.kill();
      assertThat(v.isAlive()).isFalse();
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      assertThat(Resp.ping(v.url())).isFalse();
      v.restart();
      assertThat(v.port()).isEqualTo(port);
      assertThat(v.pid()).isNotEqualTo(pid);
      assertThat(call(v, "EXISTS", "k")).isEqualTo(":1");
      v.stop();
      assertThat(Resp.ping(v.url())).isFalse();
      v.restart();
      assertThat(call(v, "EXISTS", "k")).isEqualTo(":1");
    }
  }

  @Test
  void withoutAofDataIsGoneAfterRestart() throws Exception {
    try (ManagedValkey v = ManagedValkey.start(tmp.resolve("n"), false, "everysec")) {
      assertThat(call(v, "SET", "k", "v1")).isEqualTo("+OK");
      v.restart();
      assertThat(call(v, "EXISTS", "k")).isEqualTo(":0");
    }
  }

  @Test
  void embeddedBinaryExtractsAndRuns() throws Exception {
    Path bin = RedisBinaries.extractEmbedded(tmp.resolve("bin"));
    Process p = new ProcessBuilder(bin.toString(), "--version").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).isZero();
    assertThat(out).contains("v=6.2");
  }

  private static String call(ManagedValkey v, String... args) throws Exception {
    return Resp.call("127.0.0.1", v.port(), Duration.ofSeconds(5), args);
  }
}
