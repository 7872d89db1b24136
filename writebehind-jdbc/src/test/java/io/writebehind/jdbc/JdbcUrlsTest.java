package io.writebehind.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Redaction never lets a secret through, however the URL is mangled; MySQL URLs reach the MariaDB driver. */
class JdbcUrlsTest {
  @Test
  void redactsTheWholeUserInfoAndSecretParameters() {
    String[][] cases = {
        // url, redacted, the secret that must not appear
        {"rediss://app:s3cret@cache:6380/0", "rediss://***@cache:6380/0", "s3cret"},
        {"redis://:s3cret@cache", "redis://***@cache", "s3cret"},
        {"redis://cache:6379", "redis://cache:6379", null},
        {"redis://u:SEC/RET1@127.0.0.1:6379", "redis://***@127.0.0.1:6379", "RET1"},
        {"redis://u:SEC@RET2@127.0.0.1:6379", "redis://***@127.0.0.1:6379", "RET2"},
        {"redis://u:SECRETA@[::1", "redis://***@[::1", "SECRETA"},
        {"redis://u:SEC?RET3@h:6379", "redis://***@h:6379", "RET3"},
        {"redis://u:SEC RET5@h:6379", "redis://...", "RET5"},
        {"redis://u:SECRET6@h:6379\n", "redis://...", "SECRET6"},
        {"jdbc:mysql://root:MY/SECRET4@127.0.0.1:3306/test", "jdbc:mysql://***@127.0.0.1:3306/test", "SECRET4"},
        {"jdbc:postgresql://h/db?user=u&password=PW7&ssl=true", "jdbc:postgresql://h/db?user=u&password=***&ssl=true", "PW7"},
        {"jdbc:postgresql://h/db?sslpassword=PW8", "jdbc:postgresql://h/db?sslpassword=***", "PW8"},
        {"jdbc:mariadb://h/db?user=u&pwd=PW9", "jdbc:mariadb://h/db?user=u&pwd=***", "PW9"},
        {"jdbc:mariadb://h/db?PASS=PW10&trustStorePassword=PW11", "jdbc:mariadb://h/db?PASS=***&trustStorePassword=***", "PW1"},
        {"jdbc:postgresql://h/db?user=admin@srv&password=PW12", "jdbc:postgresql://h/db?user=admin@srv&password=***", "PW12"},
        {"jdbc:h2:mem:x;USER=sa;PASSWORD=PW13", "jdbc:h2:mem:x;USER=sa;PASSWORD=***", "PW13"},
        {"jdbc:oracle:thin:scott/PW14@db", "jdbc:...", "PW14"},
        {"PW15", "...", "PW15"},
        {"u:PW16@h", "u:...", "PW16"},
    };
    for (String[] c : cases) {
      String redacted = JdbcUrls.redact(c[0]);
      assertThat(redacted).as(c[0]).isEqualTo(c[1]);
      if (c[2] != null) {
        assertThat(redacted).as(c[0]).doesNotContain(c[2]);
      }
    }
    assertThat(JdbcUrls.redact(null)).isEqualTo("null");
  }

  @Test
  void mysqlUrlsNamePermitMysqlScheme() {
    assertThat(JdbcUrls.forDriver("jdbc:mysql://h:3306/db")).isEqualTo("jdbc:mysql://h:3306/db?permitMysqlScheme=true");
    assertThat(JdbcUrls.forDriver("jdbc:mysql://h/db?user=root")).isEqualTo("jdbc:mysql://h/db?user=root&permitMysqlScheme=true");
    assertThat(JdbcUrls.forDriver("jdbc:mysql://h/db?permitMysqlScheme")).isEqualTo("jdbc:mysql://h/db?permitMysqlScheme");
    assertThat(JdbcUrls.forDriver("jdbc:mariadb://h/db")).isEqualTo("jdbc:mariadb://h/db");
    assertThat(JdbcUrls.forDriver("jdbc:postgresql://h/db")).isEqualTo("jdbc:postgresql://h/db");
  }
}
