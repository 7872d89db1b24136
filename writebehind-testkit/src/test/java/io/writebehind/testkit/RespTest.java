package io.writebehind.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RespTest {
  @Test
  void encodesPingAsRespArray() {
    assertThat(new String(Resp.encode("PING"), StandardCharsets.US_ASCII)).isEqualTo("*1\r\n$4\r\nPING\r\n");
  }

  @Test
  void encodesBulkLengthInBytes() {
    assertThat(new String(Resp.encode("SET", "k", "é"), StandardCharsets.UTF_8))
        .isEqualTo("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\né\r\n");
  }

  @Test
  void parsesUrls() {
    assertThat(Resp.parseUrl("redis://127.0.0.1:6380")).isEqualTo(new Resp.HostPort("127.0.0.1", 6380));
    assertThat(Resp.parseUrl("redis://localhost")).isEqualTo(new Resp.HostPort("localhost", 6379));
    assertThat(Resp.parseUrl("rediss://user:pw@h:7000/0").toString()).isEqualTo("h:7000");
    assertThatThrownBy(() -> Resp.parseUrl("nonsense")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsFirstReplyLine() throws Exception {
    assertThat(Resp.readLine(new ByteArrayInputStream("+PONG\r\n".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("+PONG");
    assertThat(Resp.readLine(new ByteArrayInputStream(new byte[0]))).isNull();
  }

  @Test
  void pingOfClosedPortIsFalse() {
    int port = RedisBinaries.freePort();
    assertThat(Resp.ping("redis://127.0.0.1:" + port)).isFalse();
  }

  @Test
  void namedServerDisplaysItsName() {
    assertThat(new NamedServer("valkey", "redis://x:1")).hasToString("valkey");
  }

  @Test
  void binaryPreferenceOrder() {
    assertThat(RedisBinaries.pathCandidates(false)).containsExactly("valkey-server", "redis-server");
    assertThat(RedisBinaries.pathCandidates(true)).containsExactly("redis-server", "valkey-server");
  }

  @Test
  void embeddedResourceNames() {
    assertThat(RedisBinaries.embeddedResourceName("Linux", "amd64")).isEqualTo("redis-server-6.2.6-v5-linux-amd64");
    assertThat(RedisBinaries.embeddedResourceName("Linux", "aarch64")).isEqualTo("redis-server-6.2.7-linux-arm64");
    assertThat(RedisBinaries.embeddedResourceName("Mac OS X", "aarch64")).isEqualTo("redis-server-6.2.6-v5-darwin-arm64");
    assertThatThrownBy(() -> RedisBinaries.embeddedResourceName("Windows 11", "amd64"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void embeddedResourceIsOnTheClasspath() {
    String name = RedisBinaries.embeddedResourceName(System.getProperty("os.name"), System.getProperty("os.arch"));
    assertThat(RedisBinaries.class.getClassLoader().getResource(name)).isNotNull();
  }

  @Test
  void serverCommandTurnsAofOn() {
    List<String> cmd = RedisBinaries.serverCommand(java.nio.file.Path.of("/x/valkey-server"), 1234,
        java.nio.file.Path.of("/d"), true, "always");
    assertThat(String.join(" ", cmd)).contains("--port 1234", "--appendonly yes", "--appendfsync always", "--dir /d",
        "--bind 127.0.0.1");
  }

  @Test
  void childJvmCommandLine() {
    assertThat(ChildJvm.command("/j/java", "a.jar:b", "x.Main", List.of("-Xmx64m"), List.of("1", "2")))
        .containsExactly("/j/java", "-Xmx64m", "-cp", "a.jar:b", "x.Main", "1", "2");
  }
}
