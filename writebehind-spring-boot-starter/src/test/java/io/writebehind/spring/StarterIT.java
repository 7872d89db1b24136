package io.writebehind.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.writebehind.Counters;
import io.writebehind.WriteBehindOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.cache.CacheManager;
import org.springframework.jdbc.core.JdbcTemplate;

/** The starter in a Spring Boot application on real Valkey and PostgreSQL. */
class StarterIT extends StarterTestBase {
  @Autowired WriteBehindEngines engines;
  @Autowired WriteBehindWorkers workers;
  @Autowired WriteBehindProperties properties;
  @Autowired CacheManager cacheManager;
  @Autowired FlightService flights;
  @Autowired JdbcTemplate jdbc;
  @Autowired MeterRegistry registry;
  @Autowired WriteBehindHealthIndicator health;

  private static long newId() {
    return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
  }

  private void flush() {
    engines.caches().get("flights").getNativeCache().flush(Duration.ofSeconds(10));
  }

  @Test
  void contextBringsUpEnginesAndRunningWorkers() {
    assertThat(cacheManager).isInstanceOf(WriteBehindCacheManager.class);
    assertThat(cacheManager.getCacheNames()).containsExactly("flights", "kv", "kv-no-null");
    assertThat(workers.isRunning()).isTrue();
    for (String p : new String[] {"writebehind.caches.flights", "writebehind.caches.kv", "writebehind.counters.views"}) {
      assertThat(workers.worker(p)).as(p).isNotNull();
    }
    WriteBehindOptions o = engines.caches().get("flights").getNativeCache().options();
    assertThat(o.namespace()).isEqualTo("sp-" + TestDatabase.RUN + "-flights");
    assertThat(o.partitions()).isEqualTo(4);
  }

  @Test
  void propertiesBind() {
    assertThat(properties.getTtl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(properties.getWorker().getBatchSize()).isEqualTo(100);
    assertThat(properties.getWorker().getLinger()).isEqualTo(Duration.ofMillis(10));
    WriteBehindProperties.CacheSpec f = properties.getCaches().get("flights");
    assertThat(f.getColumns()).containsExactly("departure", "arrival");
    assertThat(f.getKeyType()).isEqualTo(Long.class);
    assertThat(f.getValueType()).isEqualTo(Flight.class);
    assertThat(properties.getCaches().get("kv-no-null").isAllowNullValues()).isFalse();
    assertThat(properties.getCounters().get("views").getFields()).containsExactly("views");
    assertThat(engines.caches().get("flights").getNativeCache().options().ttl()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void configurationMetadataDescribesTheProperties() throws Exception {
    try (var in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      String json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(json).contains("\"writebehind.valkey-url\"", "\"writebehind.worker.batch-size\"",
          "\"writebehind.health.max-window\"", "\"writebehind.caches\"", "Drain threads per namespace");
    }
  }

  @Test
  void cachePutReachesTheDatabase() {
    long id = newId();
    Instant dep = Instant.parse("2025-06-01T10:15:00Z");
    Flight f = new Flight(dep, dep.plus(2, ChronoUnit.HOURS));
    flights.update(id, f);
    // in the cache at once, read without the database
    int loads = flights.loads();
    assertThat(flights.find(id)).isEqualTo(f);
    assertThat(flights.loads()).isEqualTo(loads);
    flush();
    Map<String, Object> row = jdbc.queryForMap("SELECT departure, arrival, wb_version FROM flight WHERE id = ?", id);
    assertThat(((java.sql.Timestamp) row.get("departure")).toInstant()).isEqualTo(f.departure());
    assertThat(((java.sql.Timestamp) row.get("arrival")).toInstant()).isEqualTo(f.arrival());
    assertThat((Long) row.get("wb_version")).isPositive();
  }

  @Test
  void cacheableLoadsOnceThenServesFromTheCache() {
    long id = newId();
    Instant dep = Instant.parse("2025-07-01T08:00:00Z");
    jdbc.update("INSERT INTO flight (id, departure, arrival, wb_version) VALUES (?, ?, ?, 0)", id,
        java.sql.Timestamp.from(dep), java.sql.Timestamp.from(dep.plusSeconds(3600)));
    int before = flights.loads();
    assertThat(flights.find(id)).isEqualTo(new Flight(dep, dep.plusSeconds(3600)));
    assertThat(flights.find(id)).isEqualTo(new Flight(dep, dep.plusSeconds(3600)));
    assertThat(flights.loads() - before).isEqualTo(1);
    // a load is a fill, not a write: nothing journaled for the database
    assertThat(engines.caches().get("flights").getNativeCache().admin().status().journalLength()).isZero();
  }

  @Test
  void cacheEvictDeletesTheRow() {
    long id = newId();
    Instant dep = Instant.parse("2025-08-01T08:00:00Z");
    flights.update(id, new Flight(dep, dep.plusSeconds(60)));
    flush();
    assertThat(jdbc.queryForObject("SELECT count(*) FROM flight WHERE id = ?", Long.class, id)).isEqualTo(1);
    flights.remove(id);
    int before = flights.loads();
    assertThat(flights.find(id)).isNull(); // the delete is known to the cache: no load brings it back
    assertThat(flights.loads()).isEqualTo(before);
    flush();
    assertThat(jdbc.queryForObject("SELECT count(*) FROM flight WHERE id = ?", Long.class, id)).isZero();
  }

  @Test
  void countersAddToTheDatabase() {
    Counters<Long> views = engines.counters("views");
    long id = newId();
    views.increment(id, "views", 2);
    assertThat(views.increment(id, "views", 3)).isEqualTo(5);
    views.flush(Duration.ofSeconds(10));
    assertThat(jdbc.queryForObject("SELECT views FROM flight_stats WHERE flight_id = ?", Long.class, id)).isEqualTo(5);
  }

  @Test
  void metersAreInTheApplicationsRegistry() {
    String ns = "sp-" + TestDatabase.RUN + "-flights";
    assertThat(registry.find("writebehind.journal.length").tag("namespace", ns).gauge()).isNotNull();
    String worker = workers.worker("writebehind.caches.flights").id();
    assertThat(registry.find("writebehind.flushed").tag("namespace", ns).tag("worker", worker).functionCounter())
        .isNotNull();
  }

  @Test
  void healthIsUpWithEachNamespacesQueue() {
    var h = health.health();
    assertThat(h.getStatus()).isEqualTo(Status.UP);
    assertThat(h.getDetails()).containsKeys("sp-" + TestDatabase.RUN + "-flights", "sp-" + TestDatabase.RUN + "-views");
  }
}
