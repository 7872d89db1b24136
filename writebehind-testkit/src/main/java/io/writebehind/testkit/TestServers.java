package io.writebehind.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The real servers the tests talk to. Each URL comes from the environment when set, else
 * the usual local address when something answers there, else a server this JVM starts
 * once and stops at exit.
 */
public final class TestServers {
  private TestServers() {}

  static final String LOCAL_VALKEY = "redis://127.0.0.1:6380";
  static final String LOCAL_REDIS = "redis://127.0.0.1:6379";
  static final String LOCAL_PG = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
  static final String LOCAL_MARIADB = "jdbc:mariadb://127.0.0.1:3306/test?user=root";

  private static String valkeyUrl;
  private static String redisUrl;
  private static String postgresJdbcUrl;
  private static EmbeddedPostgres embeddedPostgres;

  /** VALKEY_URL, else redis://127.0.0.1:6380 if it answers PING, else an own server (valkey-server first). */
  public static synchronized String valkeyUrl() {
    if (valkeyUrl == null) {
      valkeyUrl = redisLike("VALKEY_URL", LOCAL_VALKEY, false);
    }
    return valkeyUrl;
  }

  /** REDIS_URL, else redis://127.0.0.1:6379 if it answers PING, else an own server (redis-server first). */
  public static synchronized String redisUrl() {
    if (redisUrl == null) {
      redisUrl = redisLike("REDIS_URL", LOCAL_REDIS, true);
    }
    return redisUrl;
  }

  /** The servers the engine suite runs against: "valkey" and "redis7". */
  public static List<NamedServer> redisServers() {
    return List.of(new NamedServer("valkey", valkeyUrl()), new NamedServer("redis7", redisUrl()));
  }

  /** PG_JDBC_URL, else the local PostgreSQL on 5432 if it accepts TCP, else an embedded PostgreSQL. */
  public static synchronized String postgresJdbcUrl() {
    if (postgresJdbcUrl == null) {
      String env = env("PG_JDBC_URL");
      if (env != null) {
        postgresJdbcUrl = env;
      } else if (Resp.tcpReachable("127.0.0.1", 5432, Duration.ofSeconds(1))) {
        postgresJdbcUrl = LOCAL_PG;
      } else {
        try {
          embeddedPostgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
          throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
        postgresJdbcUrl = embeddedPostgres.getJdbcUrl("postgres", "postgres");
      }
    }
    return postgresJdbcUrl;
  }

  /** MARIADB_JDBC_URL, else the local MariaDB on 3306; aborts the test (skipped) when none is reachable. */
  public static String mariadbJdbcUrl() {
    String env = env("MARIADB_JDBC_URL");
    if (env != null) {
      return env;
    }
    if (Resp.tcpReachable("127.0.0.1", 3306, Duration.ofSeconds(1))) {
      return LOCAL_MARIADB;
    }
    return Assumptions.abort("MariaDB not reachable at 127.0.0.1:3306 (set MARIADB_JDBC_URL)");
  }

  static String redisLike(String envName, String local, boolean preferRedis) {
    String env = env(envName);
    if (env != null) {
      return env;
    }
    if (Resp.ping(local)) {
      return local;
    }
    try {
      Path dir = Files.createTempDirectory("wb-testkit-" + (preferRedis ? "redis" : "valkey"));
      // killed, and its directory deleted, by ManagedValkey's shutdown hook
      return ManagedValkey.start(dir, true, "everysec", preferRedis).deleteDirOnExit().url();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String env(String name) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? null : v.trim();
  }
}
