package io.writebehind.flights;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.writebehind.Codec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Flights in the cache exactly as the original demo stores them: keys are the decimal
 * flight id, values the JSON object {@code {"flight_id":115,"flightno":"AM5136",
 * "departure":"2025-10-01T11:19:00","arrival":"2025-10-01T15:03:00","airline_id":..,
 * "airplane_id":..,"from_airport":"YPC","to_airport":"XGR","airlinename":"American Samoa
 * Airlines"}} with ISO local date-times, so tools written against the original still read it.
 */
public final class FlightCodec implements Codec<Long, Flight> {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      // Values written by a newer or older demo may carry extra fields; reading must not fail.
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  @Override
  public String encodeKey(Long key) {
    return Long.toString(key);
  }

  @Override
  public Long decodeKey(String encoded) {
    try {
      return Long.parseLong(encoded);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a flight id: " + encoded, e);
    }
  }

  @Override
  public byte[] encodeValue(Flight value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Flight decodeValue(byte[] bytes) {
    try {
      return MAPPER.readValue(bytes, Flight.class);
    } catch (IOException e) {
      throw new UncheckedIOException("not a flight JSON value", e);
    }
  }

  /** The value as a JSON string, for printing. */
  public String toJson(Flight value) {
    return new String(encodeValue(value), StandardCharsets.UTF_8);
  }
}
