package io.writebehind.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.writebehind.testkit.ChildJvm;
import io.writebehind.testkit.Resp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalServersIT {
  @TempDir Path tmp;

  @Test
  void startsOnceReusesAndStops() throws Exception {
    Path home = tmp.resolve(".writebehind");
    try {
      LocalServers.Local first = LocalServers.open(home);
      assertThat(first.valkey().startedNow()).isTrue();
      assertThat(first.postgres().startedNow()).isTrue();
      assertAnswer(first);
      assertThat(first.valkey().description()).contains("on 127.0.0.1:" + first.valkey().port(), "AOF on");
      assertThat(first.postgres().description()).startsWith("PostgreSQL 14.");
      assertThat(Files.isDirectory(home.resolve("valkey"))).isTrue();
      assertThat(Files.exists(home.resolve("postgres/data/PG_VERSION"))).isTrue();

      long t0 = System.nanoTime();
      LocalServers.Local second = LocalServers.open(home);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertThat(ms).as("second open is a check, not a start").isLessThan(2000);
      assertThat(second.valkey().startedNow()).isFalse();
      assertThat(second.postgres().startedNow()).isFalse();
      assertThat(second.valkey().port()).isEqualTo(first.valkey().port());
      assertThat(second.valkey().pid()).isEqualTo(first.valkey().pid());
      assertThat(second.postgres().port()).isEqualTo(first.postgres().port());
      assertThat(second.postgres().pid()).isEqualTo(first.postgres().pid());
      assertThat(LocalServers.running(home)).hasSize(2);

      // a write survives stop + open (AOF on, same data dirs, same ports when free)
      assertThat(Resp.call("127.0.0.1", first.valkey().port(), Duration.ofSeconds(2), "SET", "k", "v"))
          .isEqualTo("+OK");
      List<String> stopped = LocalServers.stop(home);
      assertThat(stopped).hasSize(2);
      assertGone(first);
      assertThat(LocalServers.running(home)).isEmpty();
      assertThat(LocalServers.stop(home)).isEmpty();

      LocalServers.Local third = LocalServers.open(home);
      assertThat(third.valkey().startedNow()).isTrue();
      assertThat(third.valkey().port()).isEqualTo(first.valkey().port());
      assertThat(Resp.call("127.0.0.1", third.valkey().port(), Duration.ofSeconds(2), "EXISTS", "k"))
          .isEqualTo(":1");
      assertAnswer(third);
    } finally {
      LocalServers.stop(home);
    }
  }

  @Test
  void twoProcessesStartingAtOnceShareOneSetOfServers() throws Exception {
    Path home = tmp.resolve("shared/.writebehind");
    try (ChildJvm a = ChildJvm.start(LocalServersMain.class, List.of(home.toString()), Map.of(), tmp.resolve("a.log"));
        ChildJvm b = ChildJvm.start(LocalServersMain.class, List.of(home.toString()), Map.of(), tmp.resolve("b.log"))) {
      assertThat(a.waitFor(Duration.ofSeconds(120))).as(a.output()).isZero();
      assertThat(b.waitFor(Duration.ofSeconds(120))).as(b.output()).isZero();
      String ra = resultLine(a.output());
      String rb = resultLine(b.output());
      assertThat(ra).isEqualTo(rb);
      // the servers outlive the processes that started them
      LocalServers.Local l = LocalServers.open(home);
      assertThat(l.valkey().startedNow()).isFalse();
      assertThat(l.postgres().startedNow()).isFalse();
      assertThat(ra).isEqualTo("RESULT valkey=" + l.valkey().port() + "/" + l.valkey().pid() + " postgres="
          + l.postgres().port() + "/" + l.postgres().pid());
      assertAnswer(l);
    } finally {
      LocalServers.stop(home);
    }
  }

  private static String resultLine(String output) {
    return output.lines().filter(s -> s.startsWith("RESULT ")).findFirst().orElseThrow(
        () -> new AssertionError("no RESULT line in:\n" + output));
  }

  private static void assertAnswer(LocalServers.Local l) throws Exception {
    assertThat(Resp.ping(l.valkeyUrl())).isTrue();
    try (Connection c = DriverManager.getConnection(l.jdbcUrl());
        ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
  }

  private static void assertGone(LocalServers.Local l) {
    assertThat(ProcessHandle.of(l.valkey().pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(ProcessHandle.of(l.postgres().pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(Resp.ping(l.valkeyUrl())).isFalse();
    assertThat(Resp.tcpReachable("127.0.0.1", l.postgres().port(), Duration.ofMillis(500))).isFalse();
  }
}
