package io.writebehind.cli;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.writebehind.internal.journal.KeyLayout;

/**
 * Removes the Valkey keys a test's namespace left behind: the CLI commands under test leave
 * their journals and caches in place, as they should, and a long-lived development server
 * would otherwise collect them run after run.
 */
public final class TestNamespaces {
  private TestNamespaces() {}

  public static void purge(String valkeyUrl, String namespace) {
    RedisClient client = RedisClient.create(valkeyUrl);
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      for (String pattern : new KeyLayout(namespace, 1).scanPatterns()) {
        ScanIterator.scan(c.sync(), ScanArgs.Builder.matches(pattern).limit(1000)).stream().forEach(k -> c.sync().unlink(k));
      }
    } finally {
      client.shutdown();
    }
  }
}
