package io.writebehind.cli;

import io.writebehind.Codecs;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.writebehind.WriteBehind;
import io.writebehind.jdbc.DataSources;
import io.writebehind.jdbc.Dialect;
import io.writebehind.jdbc.KeyValueTable;
import io.writebehind.testkit.TestServers;
import io.writebehind.worker.Backoff;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Promise 8: a worker's queue and counts on /metrics for Prometheus, and a /health that notices a stuck worker. */
class MetricsServerIT {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void scrapesTheQueueAndTheWorkerAndReportsHealth() throws Exception {
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    String table = "wb_metrics_" + id;
    String jdbcUrl = TestServers.postgresJdbcUrl();
    try (HikariDataSource ds = DataSources.hikari(jdbcUrl, 2, "metrics-it")) {
      KeyValueTable.create(ds, Dialect.POSTGRESQL, table);
      try (WriteBehind<Long, String> engine = WriteBehind.builder(Codecs.longKeysTextValues()).valkeyUrl(TestServers.valkeyUrl())
          .namespace("metrics-" + id).partitions(4).sink(KeyValueTable.sink(ds, Dialect.POSTGRESQL, table)).build()) {
        Worker worker = engine.startWorker(WorkerOptions.defaults());
        for (long k = 0; k < 50; k++) {
          engine.put(k, "v" + k);
        }
        engine.flush(Duration.ofSeconds(30));
        try (MetricsServer server = MetricsServer.start(0, engine, worker, Duration.ofSeconds(5))) {
          // Micrometer holds a gauge's state weakly: the queue gauges must outlive a GC
          // (CI's JVM, after many tests, collected them and they read NaN for good).
          System.gc();
          String body = scrapeWithStatus(server, engine);
          assertThat(body).contains("writebehind_journal_length{", "writebehind_journal_pending{", "writebehind_window_seconds{",
              "writebehind_deadletters{", "writebehind_journal_losses{", "writebehind_workers_alive{", "writebehind_retries_total{", "jvm_memory_used_bytes");
          assertThat(value(body, "writebehind_flushed_total")).isGreaterThanOrEqualTo(50);
          assertThat(value(body, "writebehind_journal_length")).isZero();
          assertThat(value(body, "writebehind_worker_partitions")).isEqualTo(4);
          assertThat(get(server.url() + "/health").statusCode()).isEqualTo(200);
          // worker --http-port: the dashboard beside them, on the same port
          try (io.writebehind.ValkeyConnection valkey = io.writebehind.ValkeyConnection.open(TestServers.valkeyUrl(), Duration.ofSeconds(10));
              io.writebehind.cli.dashboard.Dashboard dashboard = new io.writebehind.cli.dashboard.Dashboard(
                  TestServers.valkeyUrl(), valkey, null, false).start()) {
            server.mountDashboard(dashboard, null);
            assertThat(get(server.url() + "/").body()).contains("<title>writebehind dashboard</title>");
            assertThat(get(server.url() + "/api/status").body()).contains("\"namespace\":\"metrics-" + id + "\"");
            assertThat(get(server.url() + "/metrics").body()).contains("writebehind_journal_length{");
            assertThat(get(server.url() + "/health").statusCode()).isEqualTo(200);
          }
        }
        engine.admin().purgeNamespace();
      } finally {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
          s.execute("DROP TABLE " + table);
        }
      }
    }
  }

  @Test
  void aWorkerThatCannotCommitIsUnhealthy() throws Exception {
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    try (WriteBehind<Long, String> engine = WriteBehind.builder(Codecs.longKeysTextValues()).valkeyUrl(TestServers.valkeyUrl())
        .namespace("metrics-down-" + id).partitions(2).sink(batch -> {
          throw new SQLTransientConnectionException("database down for the test", "08006");
        }).build()) {
      Worker worker = engine.startWorker(WorkerOptions.builder()
          .backoff(new Backoff(Duration.ofMillis(10), Duration.ofMillis(100))).build());
      for (long k = 0; k < 20; k++) {
        engine.put(k, "v" + k);
      }
      try (MetricsServer server = MetricsServer.start(0, engine, worker, Duration.ofMillis(500))) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        HttpResponse<String> health = get(server.url() + "/health");
        while (health.statusCode() == 200 && System.nanoTime() < deadline) {
          Thread.sleep(100);
          health = get(server.url() + "/health");
        }
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains("no batch committed", "database down for the test");
        assertThat(value(get(server.url() + "/metrics").body(), "writebehind_retries_total")).isGreaterThan(0);
      }
      engine.admin().purgeNamespace();
    }
  }

  /**
   * A scrape whose queue gauges hold a status read. A read that fails shows NaN on that
   * scrape (and the next one reads again), so a passing failure is scraped past; one that
   * lasts fails the test with the status read's own error.
   */
  private String scrapeWithStatus(MetricsServer server, WriteBehind<?, ?> engine) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (true) {
      HttpResponse<String> metrics = get(server.url() + "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      if (!Double.isNaN(value(metrics.body(), "writebehind_journal_length"))) {
        return metrics.body();
      }
      if (System.nanoTime() > deadline) {
        engine.admin().status();
        throw new AssertionError("the queue gauges stayed NaN for 15 s, though status() reads now:\n" + metrics.body());
      }
      Thread.sleep(200);
    }
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The value of the first sample of a metric in the Prometheus text format. */
  private static double value(String body, String metric) {
    Matcher m = Pattern.compile("(?m)^" + metric + "\\{[^}]*\\} (\\S+)$").matcher(body);
    assertThat(m.find()).as("%s in:%n%s", metric, body).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
