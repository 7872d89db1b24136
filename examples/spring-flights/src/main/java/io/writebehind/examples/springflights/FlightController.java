package io.writebehind.examples.springflights;

import io.writebehind.Counters;
import io.writebehind.spring.WriteBehindEngines;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class FlightController {
  private final FlightService flights;
  private final Counters<Long> views;

  public FlightController(FlightService flights, WriteBehindEngines writeBehind) {
    this.flights = flights;
    this.views = writeBehind.counters("views");
  }

  @GetMapping("/flights/{id}")
  public ResponseEntity<Map<String, Object>> get(@PathVariable long id) {
    Flight f = flights.find(id);
    return f == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(body(id, f));
  }

  @PutMapping("/flights/{id}")
  public Map<String, Object> put(@PathVariable long id, @RequestBody Flight flight) {
    return body(id, flights.update(id, check(flight)));
  }

  /** The same PUT written through to PostgreSQL before it answers: the floor to compare with. */
  @PutMapping("/write-through/flights/{id}")
  public Map<String, Object> putWriteThrough(@PathVariable long id, @RequestBody Flight flight) {
    return body(id, flights.updateWriteThrough(id, check(flight)));
  }

  @PostMapping("/flights/{id}/views")
  public Map<String, Object> view(@PathVariable long id) {
    return Map.of("id", id, "views", views.increment(id, "views", 1));
  }

  private static Flight check(Flight f) {
    if (f == null || f.departure() == null || f.arrival() == null) {
      throw new org.springframework.web.server.ResponseStatusException(
          org.springframework.http.HttpStatus.BAD_REQUEST, "departure and arrival are required");
    }
    return f;
  }

  private static Map<String, Object> body(long id, Flight f) {
    return Map.of("id", id, "departure", f.departure().toString(), "arrival", f.arrival().toString());
  }
}
