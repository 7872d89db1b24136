package io.writebehind;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.writebehind.testkit.TestServers;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The servers the engine suite runs on, and raw access for checking what it stored. */
public final class Servers {
  private Servers() {}

  public static Stream<Arguments> both() {
    return Stream.of(Arguments.of("valkey", TestServers.valkeyUrl()), Arguments.of("redis7", TestServers.redisUrl()));
  }

  public static String namespace(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Shared by every raw connection and never shut down: a client per connection left its own
   * resources to the garbage collector, which logged a warning for each.
   */
  private static final ClientResources RESOURCES = DefaultClientResources.create();

  /** A plain string connection for looking at keys the way an operator would. */
  public static StatefulRedisConnection<String, String> raw(String url) {
    return RedisClient.create(RESOURCES, url).connect();
  }
}
