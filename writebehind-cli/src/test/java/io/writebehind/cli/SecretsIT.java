package io.writebehind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.writebehind.testkit.TestServers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "Passwords are never printed": URLs mangled every way a user can mangle them, and servers
 * that refuse the login; the secret shows neither on stdout nor on stderr, and each failure
 * is one line with its exit code.
 */
class SecretsIT {
  /** Nothing listens on port 1: commands that need a database fail there, after the URL checks. */
  private static final String DEAD_DATABASE = "jdbc:postgresql://127.0.0.1:1/nothing?user=postgres";

  private record Case(String secret, int exitCode, List<String> args) {}

  @Test
  void secretsNeverShow() {
    String valkey = TestServers.valkeyUrl();
    String hostPort = valkey.substring(valkey.indexOf("://") + 3);
    List<Case> cases = List.of(
        new Case("SECRETA", 2, List.of("status", "--valkey-url", "redis://u:SECRETA@[::1")),
        new Case("SECRETB", 2, List.of("status", "--valkey-url", "redis://u:SECRETB X@" + hostPort)),
        new Case("RET1", 2, List.of("status", "--valkey-url", "redis://u:SEC/RET1@" + hostPort)),
        new Case("RET2", 2, List.of("status", "--valkey-url", "redis://u:SEC@RET2@" + hostPort)),
        new Case("SECRET3", 2, List.of("status", "--valkey-url=redis://u:SECRET3@[::1")),
        new Case("SECRET4", 2, List.of("load", "--valkey-url", valkey, "--database-url", "jdbc:mysql://root:MY/SECRET4@127.0.0.1:3306/test")),
        new Case("SECRET5", 3, List.of("status", "--valkey-url", "redis://u:SECRET5@" + hostPort + "?cluster=true")),
        new Case("SECRET6", 3, List.of("status", "--valkey-url", "redis://u:SECRET6@" + hostPort)),
        new Case("SECRET7", 3, List.of("load", "--valkey-url", valkey, "--database-url", DEAD_DATABASE + "&password=SECRET7")),
        new Case("SECRET8", 2, List.of("status", "--valkey-url", "SECRET8")),
        new Case("SECRET9", 2, List.of("status", "--valkey-ur", "redis://u:SECRET9@" + hostPort)));
    for (Case c : cases) {
      List<String> args = new ArrayList<>(c.args());
      if (!args.contains("--database-url")) {
        args.addAll(List.of("--database-url", DEAD_DATABASE));
      }
      args.addAll(List.of("--namespace", "cli-test-secrets"));
      Captured r = Captured.run(args.toArray(String[]::new));
      String shown = String.join(" ", c.args());
      assertThat(r.out() + r.err()).as(shown).doesNotContain(c.secret());
      assertThat(r.exitCode()).as(shown + "\n" + r.err()).isEqualTo(c.exitCode());
      List<String> lines = r.err().strip().lines().filter(l -> !l.startsWith("Try '")).toList();
      assertThat(lines).as(shown + ": one line").hasSize(1);
      assertThat(lines.get(0)).as(shown).startsWith("writebehind: ");
    }
  }
}
