package io.writebehind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The last line of defence: whatever a driver or client echoes of a URL the command was
 * given, {@link ServerUrls#scrub} takes the secret out, and leaves the rest readable.
 */
class ServerUrlsTest {
  @Test
  void scrubsWhatClientsEchoOfAUrl() {
    String[][] cases = {
        // URL given, a message some library printed, the secret
        {"redis://u:SEC/RET1@127.0.0.1:6399", "For input string: \"RET1@127.0.0.1:6399\"", "RET1"},
        {"redis://u:SEC@RET2@127.0.0.1:6399", "Unable to connect to RET2@127.0.0.1:6399", "RET2"},
        {"redis://u:SECRETA@[::1", "Expected closing bracket at index 22: redis://u:SECRETA@[::1", "SECRETA"},
        {"redis://u:SEC RET3@h:6379", "Illegal character in authority at index 8: redis://u:SEC RET3@h:6379", "RET3"},
        {"jdbc:mysql://root:MY/SECRET4@127.0.0.1:3306/test", "Failed to get driver instance for jdbcUrl=jdbc:mysql://root:MY/SECRET4@127.0.0.1:3306/test", "SECRET4"},
        {"jdbc:postgresql://h/db?user=u&password=SECRET5", "bad value in password=SECRET5", "SECRET5"},
    };
    for (String[] c : cases) {
      ServerUrls.remember(c[0]);
      assertThat(ServerUrls.scrub(c[1])).as(c[1]).doesNotContain(c[2]);
    }
  }

  @Test
  void leavesOtherTextAlone() {
    ServerUrls.remember("jdbc:postgresql://srv:5432/db?user=admin@srv&password=SECRET6");
    ServerUrls.remember("--namespace=cli-test-x");
    String message = "Access denied for user 'admin@srv' on jdbc:postgresql://srv:5432/db, namespace cli-test-x";
    assertThat(ServerUrls.scrub(message)).isEqualTo(message);
    assertThat(ServerUrls.scrub("jdbc:postgresql://srv:5432/db?user=admin@srv&password=SECRET6"))
        .isEqualTo("jdbc:postgresql://srv:5432/db?user=admin@srv&password=***");
  }
}
