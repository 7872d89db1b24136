package io.writebehind.flights;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * A flight as the walkthrough reads it and caches it: the flight row joined to its two
 * airports (IATA codes) and its airline (name). Its JSON form is the original demo's cache
 * value, so the names below are the wire names.
 */
@JsonPropertyOrder({
  "flight_id", "flightno", "departure", "arrival", "airline_id", "airplane_id",
  "from_airport", "to_airport", "airlinename"
})
public record Flight(
    @JsonProperty("flight_id") long flightId,
    @JsonProperty("flightno") String flightno,
    @JsonProperty("departure") LocalDateTime departure,
    @JsonProperty("arrival") LocalDateTime arrival,
    @JsonProperty("airline_id") int airlineId,
    @JsonProperty("airplane_id") int airplaneId,
    @JsonProperty("from_airport") String fromAirport,
    @JsonProperty("to_airport") String toAirport,
    @JsonProperty("airlinename") String airlinename) {

  public Flight {
    Objects.requireNonNull(flightno, "flightno");
    Objects.requireNonNull(departure, "departure");
    Objects.requireNonNull(arrival, "arrival");
  }

  /** The same flight with other times: what the walkthrough's update changes. */
  public Flight withTimes(LocalDateTime newDeparture, LocalDateTime newArrival) {
    return new Flight(flightId, flightno, newDeparture, newArrival, airlineId, airplaneId,
        fromAirport, toAirport, airlinename);
  }

  /** "YPC → XGR", as the walkthrough prints a route. */
  public String route() {
    return fromAirport + " \u2192 " + toAirport;
  }
}
