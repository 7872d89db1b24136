package io.writebehind.examples.springflights;

import static org.assertj.core.api.Assertions.assertThat;

import io.writebehind.spring.WriteBehindEngines;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The service end to end over HTTP, the database read directly. */
class SpringFlightsIT extends ServiceTestBase {
  @Autowired JdbcTemplate jdbc;
  @Autowired WriteBehindEngines writeBehind;

  private static long id() {
    return ThreadLocalRandom.current().nextLong(1, 1L << 40);
  }

  @Test
  void putAnswersFromTheCacheAndReachesPostgresqlAfterAFlush() throws Exception {
    long id = id();
    String body = "{\"departure\":\"2025-06-01T10:15:00Z\",\"arrival\":\"2025-06-01T12:40:00Z\"}";
    var put = send("PUT", "/flights/" + id, body);
    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(put.body()).contains("\"departure\":\"2025-06-01T10:15:00Z\"");

    var get = send("GET", "/flights/" + id, null);
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.body()).contains("\"arrival\":\"2025-06-01T12:40:00Z\"");

    writeBehind.caches().get("flights").getNativeCache().flush(Duration.ofSeconds(10));
    Map<String, Object> row = jdbc.queryForMap("SELECT departure, arrival FROM flights WHERE id = ?", id);
    assertThat(((Timestamp) row.get("departure")).toInstant()).isEqualTo(Instant.parse("2025-06-01T10:15:00Z"));
    assertThat(((Timestamp) row.get("arrival")).toInstant()).isEqualTo(Instant.parse("2025-06-01T12:40:00Z"));
  }

  @Test
  void getReadsARowNotCachedYetAndAnswers404ForNone() throws Exception {
    long id = id();
    jdbc.update("INSERT INTO flights (id, departure, arrival) VALUES (?, ?, ?)", id,
        Timestamp.from(Instant.parse("2025-01-02T03:04:05Z")), Timestamp.from(Instant.parse("2025-01-02T05:04:05Z")));
    var get = send("GET", "/flights/" + id, null);
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.body()).contains("2025-01-02T03:04:05Z");
    assertThat(send("GET", "/flights/" + id(), null).statusCode()).isEqualTo(404);
  }

  @Test
  void viewsAreCountedAndAddedToTheDatabase() throws Exception {
    long id = id();
    assertThat(send("POST", "/flights/" + id + "/views", null).body()).contains("\"views\":1");
    assertThat(send("POST", "/flights/" + id + "/views", null).body()).contains("\"views\":2");
    writeBehind.counters("views").flush(Duration.ofSeconds(10));
    assertThat(jdbc.queryForObject("SELECT views FROM flight_views WHERE flight_id = ?", Long.class, id)).isEqualTo(2);
  }

  @Test
  void healthShowsTheEngine() throws Exception {
    var health = send("GET", "/actuator/health", null);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"writebehind\"").contains("sf-" + RUN + "-flights").contains("\"status\":\"UP\"");
  }

  @Test
  void aPutWithoutTimesIsRefused() throws Exception {
    assertThat(send("PUT", "/flights/" + id(), "{\"departure\":\"2025-06-01T10:15:00Z\"}").statusCode()).isEqualTo(400);
  }
}
