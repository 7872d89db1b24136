package io.writebehind.bench.measure;

import io.writebehind.journal.ValkeyConnection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits until Valkey is not rewriting its append-only file, saving a snapshot or freeing
 * unlinked keys (the previous phase's). Such work takes a core for seconds on a two-core
 * machine; whichever measurement it happens to overlap would look up to twice as slow.
 * Each measurement starts on a quiet server; a rewrite its own writes trigger while it runs
 * still counts against it.
 */
public final class QuietValkey {
  private static final long MAX_WAIT_MILLIS = 60_000;

  private QuietValkey() {}

  public static void await(String valkeyUrl) throws Exception {
    try (ValkeyConnection v = ValkeyConnection.open(valkeyUrl, Duration.ofSeconds(10))) {
      long deadline = System.currentTimeMillis() + MAX_WAIT_MILLIS;
      while (busy(v) && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
    }
  }

  /** AOF rewrites finished or running so far: a difference tells whether one overlapped a measurement. */
  static long rewrites(String valkeyUrl) throws Exception {
    try (ValkeyConnection v = ValkeyConnection.open(valkeyUrl, Duration.ofSeconds(10))) {
      String info = v.async().info("persistence").get(10, TimeUnit.SECONDS);
      return field(info, "aof_rewrites") + field(info, "aof_rewrite_in_progress");
    }
  }

  private static long field(String info, String name) {
    for (String line : info.split("\r?\n")) {
      if (line.startsWith(name + ":")) {
        return Long.parseLong(line.substring(name.length() + 1).trim());
      }
    }
    return 0;
  }

  private static boolean busy(ValkeyConnection v) throws Exception {
    String persistence = v.async().info("persistence").get(10, TimeUnit.SECONDS);
    String memory = v.async().info("memory").get(10, TimeUnit.SECONDS);
    return persistence.contains("aof_rewrite_in_progress:1") || persistence.contains("rdb_bgsave_in_progress:1")
        || !memory.contains("lazyfree_pending_objects:0");
  }
}
