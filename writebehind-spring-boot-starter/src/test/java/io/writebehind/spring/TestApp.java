package io.writebehind.spring;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/** The application the starter's tests run: the starter, a DataSource, Actuator and caching. */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableCaching
public class TestApp {
  @Bean
  FlightService flightService(JdbcTemplate jdbc) {
    return new FlightService(jdbc);
  }
}
