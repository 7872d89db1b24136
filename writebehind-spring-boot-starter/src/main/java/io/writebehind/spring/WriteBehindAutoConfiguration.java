package io.writebehind.spring;

import io.micrometer.core.instrument.MeterRegistry;
import io.writebehind.worker.WorkerOptions;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Engines, workers and a {@link WriteBehindCacheManager} from the {@code writebehind.*}
 * properties; a health indicator when Actuator's health is there, meters when Micrometer
 * is. Runs after the DataSource and Jackson auto-configurations, whose beans it uses, and
 * before Boot's cache auto-configuration, which then backs off for this CacheManager.
 */
@AutoConfiguration(
    afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"},
    beforeName = "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration")
@ConditionalOnBooleanProperty(name = "writebehind.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WriteBehindProperties.class)
public class WriteBehindAutoConfiguration {

  /** Threads for async cache reads and health probes: a status read may wait on a lost server. */
  @Bean(destroyMethod = "shutdownNow")
  ExecutorService writeBehindExecutor() {
    return Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "writebehind-spring");
      t.setDaemon(true);
      return t;
    });
  }

  /** After the schema scripts and migrations: building a sink checks its table. */
  @Bean
  @ConditionalOnMissingBean
  @DependsOnDatabaseInitialization
  WriteBehindEngines writeBehindEngines(WriteBehindProperties properties, BeanFactory beans,
      ObjectProvider<DataSource> dataSource, ObjectProvider<ObjectMapper> mapper, ExecutorService writeBehindExecutor) {
    return new WriteBehindEngines(properties, beans, dataSource::getIfAvailable,
        mapper.getIfAvailable(() -> JsonMapper.builder().build()), writeBehindExecutor);
  }

  @Bean
  @ConditionalOnMissingBean
  WriteBehindWorkers writeBehindWorkers(WriteBehindEngines engines, WriteBehindProperties properties) {
    WriteBehindProperties.Worker w = properties.getWorker();
    WorkerOptions options = ConfigErrors.at("writebehind.worker", () -> WorkerOptions.builder()
        .batchSize(w.getBatchSize())
        .threads(w.getThreads())
        .linger(w.getLinger())
        .leaseTtl(w.getLeaseTtl())
        .shutdownTimeout(w.getShutdownTimeout())
        .build());
    return new WriteBehindWorkers(engines, options, w.isEnabled());
  }

  @Bean
  @ConditionalOnMissingBean(CacheManager.class)
  WriteBehindCacheManager cacheManager(WriteBehindEngines engines) {
    return new WriteBehindCacheManager(engines);
  }

  /** Health, only when the application has Actuator's health contributors. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  static class Health {
    @Bean
    @ConditionalOnMissingBean(name = "writebehindHealthIndicator")
    WriteBehindHealthIndicator writebehindHealthIndicator(WriteBehindEngines engines, WriteBehindWorkers workers,
        WriteBehindProperties properties, ExecutorService writeBehindExecutor) {
      return new WriteBehindHealthIndicator(engines, workers, properties.getHealth().getMaxWindow(),
          properties.getHealth().getTimeout(), writeBehindExecutor);
    }
  }

  /** Meters, only when the application has Micrometer and a registry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
  static class Meters {
    /** The application's registry (the primary one when there are several: Boot's composite). */
    @Bean
    WriteBehindMeters writeBehindMeters(WriteBehindWorkers workers, ObjectProvider<MeterRegistry> registry) {
      return new WriteBehindMeters(workers, registry.getIfUnique());
    }
  }
}
