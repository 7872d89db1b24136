package io.writebehind.examples.springflights;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;

/** java -jar target/spring-flights.jar --server.port=8080 (VALKEY_URL and DATABASE_URL, else the local defaults). */
@SpringBootApplication
@EnableCaching
public class SpringFlightsApplication {
  public static void main(String[] args) {
    SpringApplication.run(SpringFlightsApplication.class, args);
  }
}
