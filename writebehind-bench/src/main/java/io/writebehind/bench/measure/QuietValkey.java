package io.writebehind.bench.measure;

import io.writebehind.journal.ValkeyConnection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits until Valkey is not rewriting its append-only file or saving a snapshot. Such a
 * child process takes a core for seconds on a two-core machine; whichever system's timed
 * measurement it happens to overlap would look up to twice as slow. Each measurement starts
 * on a quiet server; rewrites its own writes trigger while it runs still count against it.
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

  private static boolean busy(ValkeyConnection v) throws Exception {
    String info = v.async().info("persistence").get(10, TimeUnit.SECONDS);
    return info.contains("aof_rewrite_in_progress:1") || info.contains("rdb_bgsave_in_progress:1");
  }
}
