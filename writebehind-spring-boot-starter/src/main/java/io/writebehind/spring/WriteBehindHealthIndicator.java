package io.writebehind.spring;

import io.writebehind.admin.QueueStatus;
import io.writebehind.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The engine's health: DOWN when Valkey does not answer within the timeout, OUT_OF_SERVICE
 * when a namespace's oldest unflushed write has waited longer than the threshold (the
 * database is behind), else UP; the details give each namespace's queue.
 */
public class WriteBehindHealthIndicator implements HealthIndicator {
  private final WriteBehindEngines engines;
  private final WriteBehindWorkers workers;
  private final Duration maxWindow;
  private final Duration timeout;
  private final Executor executor;

  WriteBehindHealthIndicator(WriteBehindEngines engines, WriteBehindWorkers workers, Duration maxWindow,
      Duration timeout, Executor executor) {
    this.engines = engines;
    this.workers = workers;
    this.maxWindow = maxWindow;
    this.timeout = timeout;
    this.executor = executor;
  }

  @Override
  public Health health() {
    Status status = Status.UP;
    Map<String, Object> details = new LinkedHashMap<>();
    // All namespaces at once under one deadline: a status read waits up to the command
    // timeout when Valkey is gone, and the probe must answer sooner than that.
    List<WriteBehindEngines.Namespace> all = engines.namespaces();
    List<CompletableFuture<QueueStatus>> reads = new ArrayList<>();
    for (WriteBehindEngines.Namespace ns : all) {
      reads.add(CompletableFuture.supplyAsync(() -> ns.admin().status(), executor));
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int i = 0; i < all.size(); i++) {
      WriteBehindEngines.Namespace ns = all.get(i);
      Map<String, Object> d = new LinkedHashMap<>();
      details.put(ns.namespace(), d);
      QueueStatus s;
      try {
        s = reads.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        d.put("error", "Valkey did not answer within " + timeout.toMillis() + " ms");
        status = Status.DOWN;
        continue;
      } catch (ExecutionException e) {
        d.put("error", "Valkey: " + e.getCause().getMessage());
        status = Status.DOWN;
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Health.unknown().withDetails(details).build();
      }
      long window = s.oldestUnflushedAgeMillis();
      d.put("journalLength", s.journalLength());
      d.put("unflushed", s.unflushed());
      d.put("windowMillis", window);
      d.put("deadLetters", s.deadLetters());
      d.put("journalLosses", s.journalLosses());
      d.put("workersAlive", s.workers().stream().filter(w -> w.alive()).count());
      Worker w = workers.worker(ns.property());
      if (w != null) {
        d.put("worker", w.id());
        d.put("databaseUnavailable", w.databaseUnavailable());
      }
      if (window > maxWindow.toMillis() && status == Status.UP) {
        d.put("reason", "oldest unflushed write waited " + window + " ms, over " + maxWindow.toMillis() + " ms");
        status = Status.OUT_OF_SERVICE;
      }
    }
    return Health.status(status).withDetails(details).build();
  }
}
