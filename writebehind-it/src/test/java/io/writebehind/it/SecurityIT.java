package io.writebehind.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.writebehind.WriteBehind;
import io.writebehind.testkit.ManagedValkey;
import io.writebehind.testkit.RedisBinaries;
import io.writebehind.testkit.TestServers;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ACL users and TLS: the engine connects as a named user over rediss://, and never shows the password. */
class SecurityIT {

  @Test
  void anAclUserWithOnlyWhatTheEngineNeedsCanWriteAndDrain(@TempDir Path dir) throws Exception {
    try (ManagedValkey valkey = ManagedValkey.start(dir, true, "everysec");
         RedisClient adminClient = RedisClient.create(valkey.url());
         StatefulRedisConnection<String, String> admin = adminClient.connect()) {
      admin.sync().aclSetuser("app", io.lettuce.core.AclSetuserArgs.Builder.on().addPassword("s3cret-pw")
          .keyPattern("it-*").allChannels().addCommand(io.lettuce.core.protocol.CommandType.PING)
          .addCommand(io.lettuce.core.protocol.CommandType.TIME)
          .addCategory(io.lettuce.core.AclCategory.READ).addCategory(io.lettuce.core.AclCategory.WRITE)
          .addCategory(io.lettuce.core.AclCategory.SCRIPTING).addCategory(io.lettuce.core.AclCategory.STREAM)
          .addCategory(io.lettuce.core.AclCategory.KEYSPACE).addCategory(io.lettuce.core.AclCategory.CONNECTION));
      String url = valkey.url().replace("redis://", "redis://app:s3cret-pw@");
      try (Fixture f = new Fixture(url, TestServers.postgresJdbcUrl(), 4)) {
        long v = f.engine.put(7L, "seven");
        try (Worker w = f.engine.startWorker(WorkerOptions.defaults())) {
          f.engine.flush(Duration.ofSeconds(30));
        }
        assertThat(f.versions()).containsEntry(7L, v);
      }
      String wrong = valkey.url().replace("redis://", "redis://app:not-the-password@");
      assertThatThrownBy(() -> WriteBehind.builder(Fixture.CODEC).valkeyUrl(wrong).namespace("it-x").build())
          .satisfies(e -> assertThat(describe(e)).doesNotContain("not-the-password"));
    }
  }

  @Test
  void tlsConnectionsWork(@TempDir Path dir) throws Exception {
    assumeTrue(RedisBinaries.onPath("valkey-server").isPresent() && RedisBinaries.onPath("openssl").isPresent(), "valkey-server and openssl are needed for TLS");
    Path ca = dir.resolve("ca.crt");
    Path caKey = dir.resolve("ca.key");
    Path crt = dir.resolve("server.crt");
    Path key = dir.resolve("server.key");
    run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=wb-test-ca",
        "-keyout", caKey.toString(), "-out", ca.toString());
    run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
        "-keyout", key.toString(), "-out", dir.resolve("server.csr").toString());
    Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
    run(dir, "openssl", "x509", "-req", "-in", dir.resolve("server.csr").toString(), "-CA", ca.toString(),
        "-CAkey", caKey.toString(), "-CAcreateserial", "-days", "1", "-extfile", dir.resolve("san.ext").toString(),
        "-out", crt.toString());
    int port = RedisBinaries.freePort();
    Process server = new ProcessBuilder("valkey-server", "--port", "0", "--tls-port", Integer.toString(port),
        "--bind", "127.0.0.1", "--tls-cert-file", crt.toString(), "--tls-key-file", key.toString(),
        "--tls-ca-cert-file", ca.toString(), "--tls-auth-clients", "no", "--save", "", "--dir", dir.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("valkey.log").toFile()).start();
    try {
      Thread.sleep(500);
      assumeTrue(server.isAlive(), "this valkey-server has no TLS support: " + Files.readString(dir.resolve("valkey.log")));
      // trust our test CA only for this connection: Lettuce reads the JVM's trust store
      Path trustStore = dir.resolve("trust.p12");
      run(dir, "keytool", "-importcert", "-noprompt", "-alias", "wb-test-ca", "-file", ca.toString(),
          "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
      System.setProperty("javax.net.ssl.trustStore", trustStore.toString());
      System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
      System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
      try (Fixture f = new Fixture("rediss://127.0.0.1:" + port, TestServers.postgresJdbcUrl(), 2)) {
        long v = f.engine.put(1L, "over tls");
        try (Worker w = f.engine.startWorker(WorkerOptions.defaults())) {
          f.engine.flush(Duration.ofSeconds(30));
        }
        assertThat(f.versions()).containsEntry(1L, v);
        assertThat(f.engine.getIfPresent(1L)).contains("over tls");
      } finally {
        System.clearProperty("javax.net.ssl.trustStore");
        System.clearProperty("javax.net.ssl.trustStorePassword");
        System.clearProperty("javax.net.ssl.trustStoreType");
      }
    } finally {
      server.destroyForcibly();
    }
  }

  private static String describe(Throwable e) {
    StringBuilder b = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      b.append(t).append('\n');
    }
    return b.toString();
  }

  private static void run(Path dir, String... command) throws Exception {
    Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed:\n" + out);
    }
  }

}
