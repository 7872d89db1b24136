package io.writebehind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.writebehind.testkit.FreshDatabase;
import io.writebehind.testkit.TestServers;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** status for people and for monitoring, and a clear error for a namespace nobody uses. */
class StatusCommandIT {
  @Test
  void showsTheQueueAndChecksThresholds() throws Exception {
    String ns = "st-" + UUID.randomUUID().toString().substring(0, 8);
    try (FreshDatabase db = FreshDatabase.on(TestServers.postgresJdbcUrl(), "wb_status")) {
      String[] urls = {"--valkey-url", TestServers.valkeyUrl(), "--database-url", db.url(), "--namespace", ns};
      Captured unknown = Captured.run(concat(new String[] {"status"}, urls));
      assertThat(unknown.exitCode()).isEqualTo(CliException.BAD_INPUT);
      assertThat(unknown.err().strip()).startsWith("writebehind: unknown namespace '" + ns + "'").doesNotContain("\n");

      assertThat(Captured.run(concat(new String[] {"load", "--updates", "50", "--keys", "200", "--writers", "2"}, urls)).exitCode()).isZero();
      Captured text = Captured.run(concat(new String[] {"status"}, urls));
      assertThat(text.exitCode()).isZero();
      assertThat(text.out()).contains("namespace " + ns + ": 50 unflushed").contains("no workers");
      Captured json = Captured.run(concat(new String[] {"status", "--json"}, urls));
      assertThat(json.out()).contains("\"journalLength\" : 50").contains("\"partitions\" : [");
      Thread.sleep(50);
      Captured check = Captured.run(concat(new String[] {"status", "--check", "--max-window-ms", "1"}, urls));
      assertThat(check.exitCode()).isEqualTo(1);
      assertThat(check.err()).contains("CHECK FAILED").contains("oldest unflushed write");
    } finally {
      TestNamespaces.purge(TestServers.valkeyUrl(), ns);
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
