package io.writebehind.flights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class FlightCodecTest {

  static final Flight FLIGHT_115 = new Flight(115, "AM5136",
      LocalDateTime.of(2025, 10, 1, 11, 19), LocalDateTime.of(2025, 10, 1, 15, 3),
      7, 3217, "YPC", "XGR", "American Samoa Airlines");

  private final FlightCodec codec = new FlightCodec();

  @Test
  void valueIsTheOriginalsJson() throws Exception {
    String json = new String(codec.encodeValue(FLIGHT_115), StandardCharsets.UTF_8);
    // What the original's json.dumps(row with isoformat() datetimes) stores, key order included.
    String original = "{\"flight_id\": 115, \"flightno\": \"AM5136\","
        + " \"departure\": \"2025-10-01T11:19:00\", \"arrival\": \"2025-10-01T15:03:00\","
        + " \"airline_id\": 7, \"airplane_id\": 3217, \"from_airport\": \"YPC\","
        + " \"to_airport\": \"XGR\", \"airlinename\": \"American Samoa Airlines\"}";
    ObjectMapper m = new ObjectMapper();
    assertThat(m.readTree(json)).isEqualTo(m.readTree(original));
    assertThat(json).isEqualTo(original.replace("\": ", "\":").replace(", \"", ",\""));
  }

  @Test
  void roundTrips() {
    assertThat(codec.decodeValue(codec.encodeValue(FLIGHT_115))).isEqualTo(FLIGHT_115);
    Flight withSeconds = FLIGHT_115.withTimes(
        LocalDateTime.of(2025, 12, 31, 23, 59, 59), LocalDateTime.of(2026, 1, 1, 8, 0, 1));
    assertThat(codec.decodeValue(codec.encodeValue(withSeconds))).isEqualTo(withSeconds);
  }

  @Test
  void readsTheOriginalsValueWithExtraFields() {
    String original = "{\"flight_id\": 115, \"flightno\": \"AM5136\", \"departure\": \"2025-10-01T11:19:00\","
        + " \"arrival\": \"2025-10-01T15:03:00\", \"airline_id\": 7, \"airplane_id\": 3217,"
        + " \"from_airport\": \"YPC\", \"to_airport\": \"XGR\", \"airlinename\": \"American Samoa Airlines\","
        + " \"something_new\": 1}";
    assertThat(codec.decodeValue(original.getBytes(StandardCharsets.UTF_8))).isEqualTo(FLIGHT_115);
  }

  @Test
  void keysAreDecimalFlightIds() {
    assertThat(codec.encodeKey(115L)).isEqualTo("115");
    assertThat(codec.decodeKey("416429")).isEqualTo(416_429L);
    assertThatThrownBy(() -> codec.decodeKey("flight:115")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void routeIsPrintedAsTheWalkthroughDoes() {
    assertThat(FLIGHT_115.route()).isEqualTo("YPC \u2192 XGR");
  }
}
