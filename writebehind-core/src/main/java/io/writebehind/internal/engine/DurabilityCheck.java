package io.writebehind.internal.engine;

import io.writebehind.WriteBehindException;
import io.writebehind.WriteBehindOptions;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the server's persistence and eviction settings and says what they can lose. */
final class DurabilityCheck {
  private DurabilityCheck() {}

  static List<String> warnings(RedisClusterAsyncCommands<String, byte[]> redis, WriteBehindOptions options, long timeoutMillis) {
    Map<String, String> config;
    try {
      config = Await.get(redis.configGet("appendonly", "appendfsync", "maxmemory-policy").toCompletableFuture(), timeoutMillis, "CONFIG GET");
    } catch (WriteBehindException e) {
      return List.of("cannot read the server's persistence settings (CONFIG GET refused: " + e.getMessage()
          + "); make sure it runs with appendonly yes and a noeviction or volatile-* maxmemory-policy");
    }
    return warnings(config, options);
  }

  static List<String> warnings(Map<String, String> config, WriteBehindOptions options) {
    List<String> out = new ArrayList<>();
    if ("no".equals(config.get("appendonly"))) {
      out.add("appendonly is off: a restart of the server loses every write not yet flushed to the database");
    } else if ("no".equals(config.get("appendfsync"))) {
      out.add("appendfsync is 'no': a crash of the machine can lose the writes of the last seconds (use everysec or always)");
    }
    String policy = config.getOrDefault("maxmemory-policy", "noeviction");
    if (policy.startsWith("allkeys-")) {
      out.add("maxmemory-policy " + policy + " may evict unflushed entries and journals under memory pressure; use noeviction or "
          + "volatile-* (unflushed entries have no TTL, so volatile-* only evicts flushed ones)");
    }
    return out;
  }
}
