package io.writebehind.admin;

import io.writebehind.ValkeyConnection;
import io.writebehind.internal.journal.KeyLayout;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
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

  /**
   * A namespace as its record describes it.
   *
   * @param namespace the namespace
   * @param partitions its partition count
   * @param kind {@code values} (an engine's), {@code counters} or {@code events}
   */
  public record Found(String namespace, int partitions, String kind) {}

  /**
   * Every namespace whose record is in Valkey, by name: what a tool that watches them all
   * (the dashboard) looks at. SCANs the server (every node of a cluster) for the records
   * and reads them; reads only. A record that is not one of ours is skipped.
   *
   * @throws io.writebehind.WriteBehindException if Valkey does not answer within {@code timeoutMillis}
   */
  public static List<Found> list(ValkeyConnection valkey, long timeoutMillis) {
    List<String> keys = new ArrayList<>();
    ScanArgs args = ScanArgs.Builder.matches("*#meta").limit(1000);
    try {
      KeyScanCursor<String> cursor = valkey.async().scan(args).get(timeoutMillis, TimeUnit.MILLISECONDS);
      keys.addAll(cursor.getKeys());
      while (!cursor.isFinished()) {
        cursor = valkey.async().scan(cursor, args).get(timeoutMillis, TimeUnit.MILLISECONDS);
        keys.addAll(cursor.getKeys());
      }
      List<Found> found = new ArrayList<>();
      for (String key : keys) {
        byte[] record = valkey.async().get(key).get(timeoutMillis, TimeUnit.MILLISECONDS);
        Found f = record == null ? null : parse(key.substring(0, key.length() - "#meta".length()),
            new String(record, StandardCharsets.UTF_8));
        if (f != null) {
          found.add(f);
        }
      }
      found.sort(Comparator.comparing(Found::namespace));
      return found;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new io.writebehind.WriteBehindException("listing namespaces interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new io.writebehind.WriteBehindException("listing namespaces failed: " + cause.getMessage(), cause);
    }
  }

  /** {@code partitions=16;journal=2[;counters|;events]}, as the engine records it; null if it is not that. */
  static Found parse(String namespace, String record) {
    String[] parts = record.split(";");
    if (parts.length < 2 || !parts[0].startsWith("partitions=")) {
      return null;
    }
    try {
      int partitions = Integer.parseInt(parts[0].substring("partitions=".length()));
      new KeyLayout(namespace, partitions); // a name or count no engine could have written
      return new Found(namespace, partitions, parts.length > 2 ? parts[2] : "values");
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
