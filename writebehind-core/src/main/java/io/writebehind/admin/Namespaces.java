package io.writebehind.admin;

import io.writebehind.ValkeyConnection;
import io.writebehind.internal.journal.KeyLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Questions about a namespace asked before an engine is built on it (building one records it). */
public final class Namespaces {
  private Namespaces() {}

  /**
   * Whether anything has written to the namespace: its record, or the record of one of its
   * first {@code partitions} partitions (the namespace record alone may have been deleted).
   * One round trip; reads only.
   *
   * @throws IllegalArgumentException if the namespace or partition count is not valid
   * @throws io.writebehind.WriteBehindException if Valkey does not answer within {@code timeoutMillis}
   */
  public static boolean exists(ValkeyConnection valkey, String namespace, int partitions, long timeoutMillis) {
    KeyLayout layout = new KeyLayout(namespace, partitions);
    List<CompletableFuture<Long>> found = new ArrayList<>(partitions + 1);
    found.add(valkey.async().exists(layout.metaKey()).toCompletableFuture());
    for (int p = 0; p < partitions; p++) {
      found.add(valkey.async().exists(layout.partitionKey(p)).toCompletableFuture());
    }
    try {
      for (CompletableFuture<Long> f : found) {
        if (f.get(timeoutMillis, TimeUnit.MILLISECONDS) > 0) {
          return true;
        }
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new io.writebehind.WriteBehindException("reading namespace records interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new io.writebehind.WriteBehindException("reading namespace records failed: " + cause.getMessage(), cause);
    }
  }
}
