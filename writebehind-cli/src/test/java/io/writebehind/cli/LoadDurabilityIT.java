package io.writebehind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.writebehind.WriteBehind;
import io.writebehind.flights.Flight;
import io.writebehind.flights.FlightCodec;
import io.writebehind.testkit.FreshDatabase;
import io.writebehind.testkit.TestServers;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code load --durability replicas=1} on a Valkey without replicas: every write misses its
 * level, yet is stored and journaled (a worker will write it to the database), so the
 * summary counts it apart as not confirmed durable, not as failed.
 */
class LoadDurabilityIT {
  @Test
  void aMissedLevelIsStoredNotFailed() throws Exception {
    String ns = "load-dur-" + UUID.randomUUID().toString().substring(0, 8);
    try (FreshDatabase db = FreshDatabase.on(TestServers.postgresJdbcUrl(), "wb_load_dur");
        WriteBehind<Long, Flight> watcher = WriteBehind.builder(new FlightCodec()).valkeyUrl(TestServers.valkeyUrl())
            .namespace(ns).partitions(16).build()) {
      assertThat(watcher.admin().status().journalLength()).isZero();
      Captured r = Captured.run("load", "--updates", "10", "--keys", "200", "--writers", "2", "--durability", "replicas=1",
          "--durability-timeout", "200", "--valkey-url", TestServers.valkeyUrl(), "--database-url", db.url(),
          "--namespace", ns);
      assertThat(r.out()).as(r.toString()).contains("0 acknowledged, 10 stored but not confirmed durable, 0 failed",
          "put latency: no write acknowledged", "first: write ");
      assertThat(r.exitCode()).as("short of the asked level").isEqualTo(CliException.FAILED);
      assertThat(watcher.admin().status().journalLength()).as("the writes are journaled for a worker").isEqualTo(10);
    } finally {
      TestNamespaces.purge(TestServers.valkeyUrl(), ns);
    }
  }
}
