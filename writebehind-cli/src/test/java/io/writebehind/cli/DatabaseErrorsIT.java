package io.writebehind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.writebehind.testkit.FreshDatabase;
import io.writebehind.testkit.TestServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database that refuses says why, in one line and at once: not a pool's 10 s "Connection
 * is not available". MySQL URLs work (through the MariaDB driver).
 */
class DatabaseErrorsIT {
  private static final String NS = "cli-test-dberr";

  /**
   * The shared test PostgreSQL trusts every local login, so this one is its own: password
   * logins (scram) for everyone but the superuser the embedded server's start-up uses.
   */
  @Test
  void aWrongPostgresPasswordIsNamedInSeconds(@TempDir Path dir) throws Exception {
    String hba = "local all all trust\n"
        + "host all postgres 127.0.0.1/32 trust\nhost all postgres ::1/128 trust\n"
        + "host all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256\n";
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(true)
        .setDataDirectoryCustomizer(data -> write(data.toPath().resolve("pg_hba.conf"), hba)).start()) {
      try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE ROLE wbauth LOGIN PASSWORD 'the-right-one'");
      }
      String url = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres?user=wbauth&password=WRONG-PW";
      long t0 = System.nanoTime();
      Captured r = load(url);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertThat(r.exitCode()).isEqualTo(CliException.UNREACHABLE);
      assertThat(r.err().strip().lines()).as("one line").hasSize(1);
      assertThat(r.err()).contains("refused the login (authentication failed)")
          .contains("password authentication failed for user \"wbauth\"").doesNotContain("WRONG-PW");
      assertThat(ms).as("no pool timeout").isLessThan(5_000);
    }
  }

  @Test
  void aWrongMariadbPasswordAndAMissingDatabaseAreNamed() {
    Captured denied = load(TestServers.mariadbJdbcUrl() + "&password=WRONG-PW");
    assertThat(denied.exitCode()).isEqualTo(CliException.UNREACHABLE);
    assertThat(denied.err().strip().lines()).as("one line: " + denied.err()).hasSize(1);
    assertThat(denied.err()).contains("Access denied").doesNotContain("WRONG-PW");

    Captured missing = load(TestServers.postgresJdbcUrl().replaceFirst("/[^/?]+\\?", "/cli_test_no_such_database?"));
    assertThat(missing.exitCode()).isEqualTo(CliException.UNREACHABLE);
    assertThat(missing.err().strip().lines()).as("one line").hasSize(1);
    assertThat(missing.err()).contains("database \"cli_test_no_such_database\" does not exist");
  }

  @Test
  void anInvalidPortIsBadInput() {
    Captured r = load("jdbc:postgresql://127.0.0.1:notaport/test?user=postgres");
    assertThat(r.exitCode()).isEqualTo(CliException.BAD_INPUT);
    assertThat(r.err().strip().lines()).as("one line").hasSize(1);
    assertThat(r.err().strip()).isEqualTo("writebehind: --database-url jdbc:postgresql://127.0.0.1:notaport/test?user=postgres:"
        + " port 'notaport' is not a number from 1 to 65535");
  }

  /** Neither driver reads user info in a JDBC URL; it would fail later as a host or port. */
  @Test
  void userInfoInAJdbcUrlIsBadInputWithThePasswordMasked() {
    for (String url : new String[] {"jdbc:mysql://bob:s3cr3t@127.0.0.1:3306/test", "jdbc:postgresql://bob:s3cr3t@127.0.0.1/test"}) {
      Captured r = load(url);
      assertThat(r.exitCode()).as(r.err()).isEqualTo(CliException.BAD_INPUT);
      assertThat(r.err().strip().lines()).as("one line").hasSize(1);
      assertThat(r.err()).contains("takes no user:password@").contains("***@127.0.0.1")
          .doesNotContain("s3cr3t").doesNotContain("permitMysqlScheme");
    }
  }

  @Test
  void mysqlUrlsWork() throws Exception {
    String ns = NS + "-" + UUID.randomUUID().toString().substring(0, 8);
    try (FreshDatabase db = FreshDatabase.on(TestServers.mariadbJdbcUrl(), "wb_mysql")) {
      String mysql = db.url().replaceFirst("^jdbc:mariadb:", "jdbc:mysql:");
      assertThat(mysql).startsWith("jdbc:mysql://");
      Captured r = Captured.run("load", "--updates", "5", "--keys", "5", "--writers", "1", "--valkey-url", TestServers.valkeyUrl(),
          "--database-url", mysql, "--namespace", ns);
      assertThat(r.exitCode()).as(r.err()).isZero();
      try (Connection c = DriverManager.getConnection(db.url());
          ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM flight")) {
        rs.next();
        assertThat(rs.getLong(1)).as("the sample flights went in through the jdbc:mysql URL").isPositive();
      }
    } finally {
      TestNamespaces.purge(TestServers.valkeyUrl(), ns);
    }
  }

  @AfterEach
  void purge() {
    TestNamespaces.purge(TestServers.valkeyUrl(), NS);
  }

  private static Captured load(String databaseUrl) {
    return Captured.run("load", "--updates", "1", "--keys", "1", "--writers", "1", "--valkey-url", TestServers.valkeyUrl(),
        "--database-url", databaseUrl, "--namespace", NS);
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
