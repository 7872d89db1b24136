package io.writebehind.flights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class OriginalFormatsTest {

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsTheOriginalsTaskWithPythonsDateTimes() {
    OriginalFormats.Task t = OriginalFormats.task(b("{\"flight_id\": 115, \"new_departure\": \"2025-10-01T13:19:00\","
        + " \"new_arrival\": \"2025-10-01 17:03:00.250000\", \"user\": \"demo_user\","
        + " \"comment\": \"Flight delayed by 2 hours due to weather\", \"queued_at\": \"2025-10-01T09:00:00.123456\"}"));
    assertThat(t.flightId()).isEqualTo(115);
    assertThat(t.newDeparture()).isEqualTo(LocalDateTime.of(2025, 10, 1, 13, 19));
    assertThat(t.newArrival()).isEqualTo(LocalDateTime.of(2025, 10, 1, 17, 3, 0, 250_000_000));
    assertThat(t.change()).isEqualTo(FlightChange.of("demo_user", "Flight delayed by 2 hours due to weather"));
  }

  @Test
  void aTaskWithoutUserOrCommentGetsTheDefaults() {
    OriginalFormats.Task t = OriginalFormats.task(b("{\"flight_id\": \"7\", \"new_departure\": \"2025-10-01T13:19:00\","
        + " \"new_arrival\": \"2025-10-01T17:03:00\", \"comment\": null}"));
    assertThat(t.flightId()).isEqualTo(7);
    assertThat(t.change()).isEqualTo(FlightChange.of(null, null));
  }

  @Test
  void whatIsNotATaskIsNamed() {
    assertThatThrownBy(() -> OriginalFormats.task(b("not json"))).hasMessage("not JSON");
    assertThatThrownBy(() -> OriginalFormats.task(b("[1]"))).hasMessage("not a JSON object");
    assertThatThrownBy(() -> OriginalFormats.task(b("{\"flight_id\": -1}"))).hasMessageContaining("flight_id");
    assertThatThrownBy(() -> OriginalFormats.task(b("{\"flight_id\": 1.5}"))).hasMessageContaining("flight_id");
    assertThatThrownBy(() -> OriginalFormats.task(b("{\"flight_id\": 1, \"new_arrival\": \"2025-10-01T17:03:00\"}")))
        .hasMessage("no new_departure");
    assertThatThrownBy(() -> OriginalFormats.task(b("{\"flight_id\": 1, \"new_departure\": \"tomorrow\","
        + " \"new_arrival\": \"2025-10-01T17:03:00\"}"))).hasMessage("new_departure is not a date-time: tomorrow");
  }

  @Test
  void onlyTheOriginalsJsonOfThatFlightCountsAsItsCachedFlight() {
    String cached = "{\"flight_id\": 115, \"flightno\": \"AM5136\", \"departure\": \"2025-10-01T11:19:00\","
        + " \"arrival\": \"2025-10-01T15:03:00\"}";
    assertThat(OriginalFormats.isCachedFlight(b(cached), 115)).isTrue();
    assertThat(OriginalFormats.isCachedFlight(b(cached), 116)).isFalse();
    assertThat(OriginalFormats.isCachedFlight(b("{\"flight_id\": 115}"), 115)).isFalse();
    assertThat(OriginalFormats.isCachedFlight(b("115"), 115)).isFalse();
    assertThat(OriginalFormats.isCachedFlight(b("\u0000binary"), 115)).isFalse();
    assertThat(OriginalFormats.cacheKey(115)).isEqualTo("flight:115");
  }
}
