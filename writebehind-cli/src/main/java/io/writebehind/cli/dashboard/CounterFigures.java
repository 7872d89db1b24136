package io.writebehind.cli.dashboard;

import io.writebehind.ValkeyConnection;
import io.writebehind.admin.CachedCounters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
    CachedCounters cached = CachedCounters.read(valkey, namespace, partitions, MAX_KEYS, TOP, timeoutMillis);
    Map<String, Long> totals = new TreeMap<>();
    List<Map.Entry<String, Map<String, Long>>> rows = new ArrayList<>(cached.counters().entrySet());
    for (Map.Entry<String, Map<String, Long>> e : rows) {
      e.getValue().forEach((f, v) -> totals.merge(f, v, Long::sum));
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
    cached.boards().forEach((board, best) -> {
      List<Map<String, Object>> members = new ArrayList<>();
      for (Map.Entry<String, Long> m : best) {
        Map<String, Object> member = new LinkedHashMap<>();
        member.put("member", m.getKey());
        member.put("score", m.getValue());
        members.add(member);
      }
      boardTops.put(board, members);
    });
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("cachedCounters", cached.counters().size());
    out.put("truncated", cached.truncated());
    out.put("totals", totals);
    out.put("rankedBy", ranked);
    out.put("top", top);
    out.put("boards", boardTops);
    return out;
  }
}
