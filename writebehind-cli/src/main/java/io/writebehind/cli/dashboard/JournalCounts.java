package io.writebehind.cli.dashboard;

import io.lettuce.core.RedisCommandExecutionException;
import io.writebehind.ValkeyConnection;
import io.writebehind.internal.journal.KeyLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How many entries were ever added to a namespace's journals: the streams' own
 * {@code entries-added} (Valkey, Redis 7+), which trimming does not lower. Two readings a
 * second apart give the write rate.
 */
final class JournalCounts {
  private JournalCounts() {}

  /** The sum over the partitions' journals, or -1 when the server does not count (Redis 6). */
  static long entriesAdded(ValkeyConnection valkey, String namespace, int partitions, long timeoutMillis) {
    KeyLayout layout = new KeyLayout(namespace, partitions);
    List<CompletableFuture<List<Object>>> infos = new ArrayList<>(partitions);
    for (int p = 0; p < partitions; p++) {
      infos.add(valkey.async().xinfoStream(layout.journalKey(p)).toCompletableFuture());
    }
    long sum = 0;
    for (CompletableFuture<List<Object>> f : infos) {
      List<Object> info;
      try {
        info = f.get(timeoutMillis, TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RedisCommandExecutionException r && r.getMessage() != null
            && r.getMessage().contains("no such key")) {
          continue; // a partition nothing was written to yet
        }
        throw new io.writebehind.WriteBehindException("XINFO STREAM failed: " + Dashboard.firstLine(e.getCause()), e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new io.writebehind.WriteBehindException("XINFO STREAM interrupted", e);
      } catch (TimeoutException e) {
        throw new io.writebehind.WriteBehindException("XINFO STREAM: no answer in " + timeoutMillis + " ms", e);
      }
      long added = -1;
      for (int i = 0; i + 1 < info.size(); i += 2) {
        if ("entries-added".equals(text(info.get(i))) && info.get(i + 1) instanceof Long n) {
          added = n;
        }
      }
      if (added < 0) {
        return -1;
      }
      sum += added;
    }
    return sum;
  }

  /** The reply's field names come as the connection's values decode them: bytes here. */
  private static String text(Object o) {
    return o instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(o);
  }
}
