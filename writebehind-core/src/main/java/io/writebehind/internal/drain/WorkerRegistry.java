package io.writebehind.internal.drain;

import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.writebehind.admin.WorkerInfo;
import io.writebehind.internal.journal.Fields;
import io.writebehind.internal.journal.Journal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Worker heartbeats: a sorted set of worker ids scored by their last beat, and a small
 * hash per worker with what status shows. Liveness decides how many partitions each
 * worker should hold; the hash expires by itself when its worker is gone.
 */
public final class WorkerRegistry {
  private final Journal journal;
  private final Duration liveness;

  public WorkerRegistry(Journal journal, Duration liveness) {
    this.journal = journal;
    this.liveness = liveness;
  }

  private RedisClusterAsyncCommands<String, byte[]> redis() {
    return journal.connection().async();
  }

  CompletableFuture<Void> beat(String workerId, long nowMillis, Map<String, String> info) {
    String infoKey = journal.layout().workerInfoKey(workerId);
    Map<String, byte[]> fields = new HashMap<>();
    info.forEach((k, v) -> fields.put(k, Fields.bytes(v)));
    fields.put("beat", Fields.bytes(Long.toString(nowMillis)));
    CompletableFuture<?> a = redis().zadd(journal.layout().workersKey(), (double) nowMillis, Fields.bytes(workerId)).toCompletableFuture();
    CompletableFuture<?> b = redis().hset(infoKey, fields).toCompletableFuture();
    CompletableFuture<?> c = redis().pexpire(infoKey, liveness.toMillis() * 10).toCompletableFuture();
    CompletableFuture<?> d = redis().zremrangebyscore(journal.layout().workersKey(),
        Range.create(Double.NEGATIVE_INFINITY, (double) (nowMillis - liveness.toMillis() * 10))).toCompletableFuture();
    return CompletableFuture.allOf(a, b, c, d);
  }

  CompletableFuture<Long> liveCount(long nowMillis) {
    return redis().zcount(journal.layout().workersKey(),
        Range.create((double) (nowMillis - liveness.toMillis()), Double.POSITIVE_INFINITY)).toCompletableFuture();
  }

  CompletableFuture<Void> remove(String workerId) {
    CompletableFuture<?> a = redis().zrem(journal.layout().workersKey(), Fields.bytes(workerId)).toCompletableFuture();
    CompletableFuture<?> b = redis().del(journal.layout().workerInfoKey(workerId)).toCompletableFuture();
    return CompletableFuture.allOf(a, b);
  }

  /** Every worker seen recently, alive or not. */
  public List<WorkerInfo> list(long nowMillis, long timeoutMillis) {
    try {
      List<ScoredValue<byte[]>> ids = redis().zrangeWithScores(journal.layout().workersKey(), 0, -1)
          .toCompletableFuture().get(timeoutMillis, TimeUnit.MILLISECONDS);
      List<WorkerInfo> out = new ArrayList<>();
      for (ScoredValue<byte[]> sv : ids) {
        String id = Fields.text(sv.getValue());
        Map<String, byte[]> info = redis().hgetall(journal.layout().workerInfoKey(id)).toCompletableFuture()
            .get(timeoutMillis, TimeUnit.MILLISECONDS);
        long age = nowMillis - (long) sv.getScore();
        // Alive as its peers judge it: within its own lease TTL (the partitions it holds pass
        // to others after that), not a threshold of the reader's.
        long leaseTtl = info.containsKey("leaseTtlMs") ? Fields.number(info.get("leaseTtlMs")) : liveness.toMillis();
        out.add(new WorkerInfo(id, age <= leaseTtl, Math.max(0, age),
            (int) Fields.number(info.get("partitions")), Fields.number(info.get("flushed")),
            Fields.textOrNull(info.get("lastError")), "1".equals(Fields.textOrNull(info.get("dbDown")))));
      }
      return out;
    } catch (Exception e) {
      throw new io.writebehind.WriteBehindException("reading worker heartbeats failed: " + e.getMessage(), e);
    }
  }
}
