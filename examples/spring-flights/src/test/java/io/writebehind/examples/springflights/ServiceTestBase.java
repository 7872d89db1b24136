package io.writebehind.examples.springflights;

import io.writebehind.testkit.FreshDatabase;
import io.writebehind.testkit.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service on a random port, on the test servers (VALKEY_URL / PG_JDBC_URL or the local
 * ones), in a database of its own and namespaces of this run's own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ServiceTestBase {
  static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static FreshDatabase db;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry r) throws SQLException {
    if (db == null) {
      db = FreshDatabase.on(TestServers.postgresJdbcUrl(), "spring_flights");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          db.close();
        } catch (SQLException e) {
          // the server may be gone at exit
        }
      }));
    }
    r.add("writebehind.valkey-url", TestServers::valkeyUrl);
    r.add("spring.datasource.url", db::url);
    r.add("writebehind.caches.flights.namespace", () -> "sf-" + RUN + "-flights");
    r.add("writebehind.counters.views.namespace", () -> "sf-" + RUN + "-views");
  }

  @LocalServerPort int port;
  final HttpClient http = HttpClient.newHttpClient();

  HttpResponse<String> send(String method, String path, String json) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    b = json == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
        : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
