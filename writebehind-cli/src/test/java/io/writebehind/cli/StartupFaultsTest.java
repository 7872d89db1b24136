package io.writebehind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which start-up faults a worker waits out, and how it says what it waits for. */
class StartupFaultsTest {
  @Test
  void aDatabaseThatIsDownOrStartingIsWaitedFor() {
    CliException refused = DatabaseCheck.failure("jdbc:postgresql://h:5999/db?user=u&password=secret",
        new SQLException("Connection to h:5999 refused.", "08001", new ConnectException("Connection refused")));
    assertThat(StartupFaults.waitingFor(refused))
        .isEqualTo("waiting for the database at jdbc:postgresql://h:5999/db?user=u&password=***: Connection to h:5999 refused.");
    assertThat(StartupFaults.passes("57P03")).as("the database system is starting up").isTrue();
    assertThat(StartupFaults.passes("53300")).as("too many connections").isTrue();
  }

  @Test
  void aRefusedLoginOrAMissingDatabaseFailsAtOnce() {
    assertThat(StartupFaults.waitingFor(DatabaseCheck.failure("jdbc:postgresql://h/db",
        new SQLException("password authentication failed for user \"u\"", "28P01")))).isNull();
    assertThat(StartupFaults.waitingFor(DatabaseCheck.failure("jdbc:postgresql://h/db",
        new SQLException("database \"db\" does not exist", "3D000")))).isNull();
    assertThat(StartupFaults.waitingFor(CliException.badInput("database URL must start with jdbc:"))).isNull();
  }

  @Test
  void valkeyLoadingOrUnreachableIsWaitedForAndARefusedPasswordIsNot() {
    CliException loading = Session.valkeyFailure(
        new RedisCommandExecutionException("LOADING Valkey is loading the dataset in memory"), "redis://h:6379");
    assertThat(StartupFaults.waitingFor(loading))
        .isEqualTo("waiting for Valkey at redis://h:6379: LOADING Valkey is loading the dataset in memory");
    CliException down = Session.valkeyFailure(new RedisConnectionException("Unable to connect to h/127.0.0.1:6379",
        new ConnectException("Connection refused")), "redis://h:6379");
    assertThat(StartupFaults.waitingFor(down)).isEqualTo("waiting for Valkey at redis://h:6379: Connection refused");
    assertThat(StartupFaults.waitingFor(Session.valkeyFailure(
        new RedisCommandExecutionException("WRONGPASS invalid username-password pair"), "redis://h:6379"))).isNull();
  }
}
