package io.writebehind.cli.dashboard;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScoredValue;
import io.writebehind.ValkeyConnection;
import io.writebehind.internal.journal.KeyLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What the cache of a counters namespace holds, read from Valkey alone: the totals of each
 * field over the cached counters, the counters with the most of the first field, and the
 * leaderboards' best members. A cached counter is the database's total plus the journal's
 * deltas, so these are the figures readers see now.
 */
final class CounterFigures {
  /** Counters read at most per refresh, so that a huge namespace costs a bounded SCAN. */
  static final int MAX_KEYS = 50_000;
  static final int TOP = 10;

  private CounterFigures() {}

  static Map<String, Object> read(ValkeyConnection valkey, String namespace, int partitions, long timeoutMillis)
      throws Exception {
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
      if (counters.size() >= MAX_KEYS) {
        truncated = true;
        break;
      }
      cursor = valkey.async().scan(cursor, args).get(timeoutMillis, TimeUnit.MILLISECONDS);
    }
    List<CompletableFuture<Map<String, byte[]>>> reads = new ArrayList<>(counters.size());
    for (String k : counters) {
      reads.add(valkey.async().hgetall(k).toCompletableFuture());
    }
    Map<String, Long> totals = new TreeMap<>();
    List<Map.Entry<String, Map<String, Long>>> rows = new ArrayList<>();
    for (int i = 0; i < counters.size(); i++) {
      Map<String, Long> fields = new TreeMap<>();
      reads.get(i).get(timeoutMillis, TimeUnit.MILLISECONDS).forEach((f, v) -> {
        try {
          fields.put(f, Long.parseLong(new String(v, StandardCharsets.UTF_8)));
        } catch (NumberFormatException notACounter) {
          // not ours: skipped rather than guessed at
        }
      });
      fields.forEach((f, v) -> totals.merge(f, v, Long::sum));
      rows.add(Map.entry(layout.keyOfValue(counters.get(i)), fields));
    }
    String ranked = totals.isEmpty() ? null : totals.containsKey("views") ? "views" : totals.keySet().iterator().next();
    List<Map<String, Object>> top = new ArrayList<>();
    if (ranked != null) {
      rows.sort(Comparator.comparingLong((Map.Entry<String, Map<String, Long>> e) -> e.getValue().getOrDefault(ranked, 0L)).reversed());
      for (Map.Entry<String, Map<String, Long>> e : rows.subList(0, Math.min(TOP, rows.size()))) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", e.getKey());
        row.put("fields", e.getValue());
        top.add(row);
      }
    }
    Map<String, Object> boardTops = new TreeMap<>();
    for (String b : boards) {
      List<ScoredValue<byte[]>> best = valkey.async().zrevrangeWithScores(b, 0, TOP - 1).get(timeoutMillis, TimeUnit.MILLISECONDS);
      List<Map<String, Object>> members = new ArrayList<>();
      for (ScoredValue<byte[]> s : best) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("member", new String(s.getValue(), StandardCharsets.UTF_8));
        m.put("score", (long) s.getScore());
        members.add(m);
      }
      boardTops.put(layout.keyOfValue(b).substring(KeyLayout.BOARD_PREFIX.length()), members);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("cachedCounters", counters.size());
    out.put("truncated", truncated);
    out.put("totals", totals);
    out.put("rankedBy", ranked);
    out.put("top", top);
    out.put("boards", boardTops);
    return out;
  }
}
