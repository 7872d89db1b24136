package io.writebehind.admin;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScoredValue;
import io.writebehind.ValkeyConnection;
import io.writebehind.internal.journal.KeyLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What a namespace of counters holds in the cache now, for tools that show it (the
 * dashboard): each cached counter's totals and each leaderboard's best members. A cached
 * counter is the database's total plus the journal's deltas, so these are what readers see.
 *
 * @param counters encoded key to field totals, at most the {@code maxKeys} asked for
 * @param truncated whether the scan stopped at {@code maxKeys}
 * @param boards leaderboard name to its best members (encoded) and scores, best first
 */
public record CachedCounters(Map<String, Map<String, Long>> counters, boolean truncated,
    Map<String, List<Map.Entry<String, Long>>> boards) {

  /** Reads at most {@code maxKeys} counters (a bounded SCAN) and the {@code top} of each board. */
  public static CachedCounters read(ValkeyConnection valkey, String namespace, int partitions, int maxKeys, int top,
      long timeoutMillis) throws Exception {
    KeyLayout layout = new KeyLayout(namespace, partitions);
    List<String> counters = new ArrayList<>();
    List<String> boards = new ArrayList<>();
    ScanArgs args = ScanArgs.Builder.matches(layout.valuesPattern()).limit(1000);
    KeyScanCursor<String> cursor = valkey.async().scan(args).get(timeoutMillis, TimeUnit.MILLISECONDS);
    boolean truncated = false;
    while (true) {
      for (String k : cursor.getKeys()) {
        String key = layout.keyOfValue(k);
        if (key != null && key.startsWith(KeyLayout.BOARD_PREFIX)) {
          boards.add(k);
        } else if (key != null) {
          counters.add(k);
        }
      }
      if (cursor.isFinished()) {
        break;
      }
      if (counters.size() >= maxKeys) {
        truncated = true;
        break;
      }
      cursor = valkey.async().scan(cursor, args).get(timeoutMillis, TimeUnit.MILLISECONDS);
    }
    List<CompletableFuture<Map<String, byte[]>>> reads = new ArrayList<>(counters.size());
    for (String k : counters) {
      reads.add(valkey.async().hgetall(k).toCompletableFuture());
    }
    Map<String, Map<String, Long>> totals = new LinkedHashMap<>();
    for (int i = 0; i < counters.size(); i++) {
      Map<String, Long> fields = new TreeMap<>();
      reads.get(i).get(timeoutMillis, TimeUnit.MILLISECONDS).forEach((f, v) -> {
        try {
          fields.put(f, Long.parseLong(new String(v, StandardCharsets.UTF_8)));
        } catch (NumberFormatException notACounter) {
          // not ours: skipped rather than guessed at
        }
      });
      totals.put(layout.keyOfValue(counters.get(i)), fields);
    }
    Map<String, List<Map.Entry<String, Long>>> tops = new TreeMap<>();
    for (String b : boards) {
      List<Map.Entry<String, Long>> members = new ArrayList<>();
      for (ScoredValue<byte[]> s : valkey.async().zrevrangeWithScores(b, 0, top - 1).get(timeoutMillis, TimeUnit.MILLISECONDS)) {
        members.add(Map.entry(new String(s.getValue(), StandardCharsets.UTF_8), (long) s.getScore()));
      }
      tops.put(layout.keyOfValue(b).substring(KeyLayout.BOARD_PREFIX.length()), members);
    }
    return new CachedCounters(totals, truncated, tops);
  }
}
