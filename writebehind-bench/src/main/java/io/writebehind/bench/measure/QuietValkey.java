package io.writebehind.bench.measure;

import io.writebehind.bench.ValkeyInfo;
import io.writebehind.ValkeyConnection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits until Valkey is not rewriting its append-only file, saving a snapshot or freeing
 * unlinked keys (the previous phase's). Such work takes a core for seconds on a two-core
 * machine; whichever measurement it happens to overlap would look up to twice as slow.
 * Each measurement starts on a quiet server; a rewrite its own writes trigger while it runs
 * still counts against it. One connection for the whole run.
 */
public final class QuietValkey implements AutoCloseable {
  private static final long MAX_WAIT_MILLIS = 60_000;

  private final ValkeyConnection valkey;

  public QuietValkey(String valkeyUrl) {
    this.valkey = ValkeyConnection.open(valkeyUrl, Duration.ofSeconds(10));
  }

  public void await() throws Exception {
    long deadline = System.currentTimeMillis() + MAX_WAIT_MILLIS;
    while (busy() && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
  }

  /** AOF rewrites finished or running so far: a difference tells whether one overlapped a measurement. */
  long rewrites() throws Exception {
    String persistence = info("persistence");
    return number(persistence, "aof_rewrites") + number(persistence, "aof_rewrite_in_progress");
  }

  private boolean busy() throws Exception {
    String persistence = info("persistence");
    return number(persistence, "aof_rewrite_in_progress") > 0 || number(persistence, "rdb_bgsave_in_progress") > 0
        || number(info("memory"), "lazyfree_pending_objects") > 0;
  }

  private String info(String section) throws Exception {
    return valkey.async().info(section).get(10, TimeUnit.SECONDS);
  }

  /** A numeric field, 0 where the server does not report it. */
  private static long number(String info, String name) {
    String value = ValkeyInfo.field(info, name);
    return value == null ? 0 : Long.parseLong(value);
  }

  @Override
  public void close() {
    valkey.close();
  }
}
