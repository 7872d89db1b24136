package io.writebehind.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalServersTest {
  @Test
  void parsesVersions() {
    assertThat(LocalServers.parseVersion("Valkey server v=8.0.1 sha=00000000:0 malloc=jemalloc-5.3.0 bits=64"))
        .isEqualTo("8.0.1");
    assertThat(LocalServers.parseVersion("Redis server v=6.2.11 sha=00000000:0")).isEqualTo("6.2.11");
    assertThat(LocalServers.parseVersion("postgres (PostgreSQL) 14.22")).isEqualTo("14.22");
    assertThat(LocalServers.parseVersion("garbage")).isEqualTo("?");
  }

  @Test
  void embeddedRedisResourcePerPlatform() {
    assertThat(LocalServers.embeddedRedisResource("Linux", "amd64")).isEqualTo("redis-server-6.2.6-v5-linux-amd64");
    assertThat(LocalServers.embeddedRedisResource("Mac OS X", "x86_64")).isEqualTo("redis-server-6.2.6-v5-darwin-amd64");
    assertThatThrownBy(() -> LocalServers.embeddedRedisResource("Windows 10", "amd64"))
        .hasMessageContaining("VALKEY_URL");
  }

  @Test
  void displaysPathsUnderTheWorkingFolderRelatively() {
    assertThat(LocalServers.display(Path.of(".writebehind/valkey"))).isEqualTo(".writebehind/valkey");
    assertThat(LocalServers.display(Path.of("/nonexistent/x"))).isEqualTo("/nonexistent/x");
  }
}
