package io.writebehind.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.writebehind.admin.QueueStatus;
import io.writebehind.WriteBehind;
import io.writebehind.admin.PartitionStatus;
import io.writebehind.metrics.WriteBehindMetrics;
import io.writebehind.worker.Worker;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A worker's window for monitoring (promise 8): {@code /metrics} in the Prometheus text
 * format and {@code /health} for a liveness probe, on 127.0.0.1 only (the metrics name the
 * namespace and the worker, nothing secret, but nothing else needs them).
 *
 * <p>Healthy means the worker takes part in draining and is not stuck: it holds partitions
 * (or the queue is empty, so there is nothing to hold), and if its partitions have unflushed
 * writes it committed a batch within {@code stuckAfter}. A worker that only retries a dead
 * database is alive but useless, so it reports 503 and the probe says so.
 */
public final class MetricsServer implements AutoCloseable {
  private final HttpServer http;
  private final ExecutorService executor;
  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc;
  private final WriteBehind<?, ?> engine;
  private final Worker worker;
  private final long stuckAfterNanos;
  private long lastBatches;
  private long lastBatchSeenNanos = System.nanoTime();

  private MetricsServer(HttpServer http, WriteBehind<?, ?> engine, Worker worker, Duration stuckAfter) {
    this.http = http;
    this.engine = engine;
    this.worker = worker;
    this.stuckAfterNanos = stuckAfter.toNanos();
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new WriteBehindMetrics(engine, worker).bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    this.gc = new JvmGcMetrics();
    gc.bindTo(registry);
    this.executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "wb-metrics-http");
      t.setDaemon(true);
      return t;
    });
    http.setExecutor(executor);
    http.createContext("/metrics", this::metrics);
    http.createContext("/health", this::health);
    http.start();
  }

  /**
   * Serves the engine's and the worker's meters on 127.0.0.1:{@code port} ({@code 0} picks a
   * free port; see {@link #port()}).
   */
  public static MetricsServer start(int port, WriteBehind<?, ?> engine, Worker worker, Duration stuckAfter) throws IOException {
    if (port < 0 || port > 65535) {
      throw CliException.badInput("--metrics-port must be between 0 and 65535, was " + port);
    }
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    } catch (IOException e) {
      throw new CliException(CliException.BAD_INPUT, "cannot serve metrics on 127.0.0.1:" + port + ": " + e.getMessage(), e);
    }
    return new MetricsServer(http, engine, worker, stuckAfter);
  }

  /** Serves the dashboard at {@code /} beside {@code /metrics} and {@code /health} (worker --http-port). */
  public void mountDashboard(io.writebehind.cli.dashboard.Dashboard dashboard, String token) {
    io.writebehind.cli.dashboard.DashboardHttp.mount(http, dashboard, token, true);
  }

  public int port() {
    return http.getAddress().getPort();
  }

  public String url() {
    return "http://127.0.0.1:" + port();
  }

  private void metrics(HttpExchange exchange) throws IOException {
    respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
  }

  private void health(HttpExchange exchange) throws IOException {
    String problem = problem();
    respond(exchange, problem == null ? 200 : 503, "text/plain; charset=utf-8",
        (problem == null ? "ok" : "unhealthy: " + problem) + "\n");
  }

  /** Why the worker is not doing its job, or null when it is. */
  synchronized String problem() {
    long now = System.nanoTime();
    long batches = worker.stats().batches();
    if (batches != lastBatches) {
      lastBatches = batches;
      lastBatchSeenNanos = now;
    }
    QueueStatus status;
    try {
      status = engine.admin().status();
    } catch (RuntimeException e) {
      return "cannot read the queue from Valkey: " + Session.firstLine(e.getMessage());
    }
    Set<Integer> held = worker.partitions();
    if (held.isEmpty()) {
      return status.unflushed() == 0 ? null
          : "holds no partitions while " + status.unflushed() + " writes wait to be flushed";
    }
    long waiting = 0;
    for (PartitionStatus p : status.partitions()) {
      if (held.contains(p.partition())) {
        waiting += p.unflushed();
      }
    }
    long idleMillis = (now - lastBatchSeenNanos) / 1_000_000;
    if (waiting > 0 && now - lastBatchSeenNanos > stuckAfterNanos) {
      String err = worker.stats().lastError();
      return waiting + " writes wait in its partitions and no batch committed for " + idleMillis + " ms"
          + (err == null ? "" : "; last error: " + err);
    }
    return null;
  }

  private static void respond(HttpExchange exchange, int code, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
    gc.close();
    registry.close();
  }
}
