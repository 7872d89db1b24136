package io.writebehind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ValkeyUrlTest {
  @Test
  void redactsPasswords() {
    assertThat(ValkeyConnection.redact("rediss://app:s3cret@cache:6380/0")).isEqualTo("rediss://app:***@cache:6380/0");
    assertThat(ValkeyConnection.redact("redis://:s3cret@cache")).isEqualTo("redis://:***@cache");
    assertThat(ValkeyConnection.redact("redis://cache:6379")).isEqualTo("redis://cache:6379");
    // passwords holding the characters a URL parser cuts at
    assertThat(ValkeyConnection.redact("redis://u:SEC/RET1@h:6379")).isEqualTo("redis://u:***@h:6379");
    assertThat(ValkeyConnection.redact("redis://u:SEC@RET2@h")).isEqualTo("redis://u:***@h");
    assertThat(ValkeyConnection.redact("redis://s3cret@h")).isEqualTo("redis://***@h");
    assertThat(ValkeyConnection.redact("redis://u:p@h?user=a@b")).isEqualTo("redis://u:***@h?user=a@b");
    assertThat(ValkeyConnection.redact("SECRET")).isEqualTo("***");
  }

  @Test
  void parsesAliasesAndClusterFlag() {
    var p = ValkeyConnection.ParsedUrl.parse("valkeys://u:p@h:7000?cluster=true&timeout=5s");
    assertThat(p.lettuceUrl()).isEqualTo("rediss://u:p@h:7000?timeout=5s");
    assertThat(p.cluster()).isTrue();
    assertThat(ValkeyConnection.ParsedUrl.parse("redis://h").cluster()).isFalse();
    assertThatThrownBy(() -> ValkeyConnection.ParsedUrl.parse("http://u:secret@h"))
        .hasMessageContaining("redis://").hasMessageNotContaining("secret");
  }

  /** Without adaptive and periodic refresh Lettuce keeps routing a failed primary's slots to it. */
  @Test
  void aClusterClientFollowsAFailoverWithinSeconds() {
    var options = ValkeyConnection.clusterOptions(io.lettuce.core.TimeoutOptions.enabled(java.time.Duration.ofSeconds(2)),
        java.time.Duration.ofSeconds(2));
    var refresh = options.getTopologyRefreshOptions();
    assertThat(refresh.getAdaptiveRefreshTriggers()).containsExactlyInAnyOrder(
        io.lettuce.core.cluster.ClusterTopologyRefreshOptions.RefreshTrigger.values());
    assertThat(refresh.isPeriodicRefreshEnabled()).isTrue();
    assertThat(refresh.getRefreshPeriod()).isLessThanOrEqualTo(java.time.Duration.ofSeconds(5));
    assertThat(refresh.getAdaptiveRefreshTimeout()).isLessThanOrEqualTo(java.time.Duration.ofSeconds(1));
    assertThat(refresh.isCloseStaleConnections()).isTrue();
    assertThat(options.getSocketOptions().getConnectTimeout()).isEqualTo(java.time.Duration.ofSeconds(2));
  }
}
