package io.writebehind.flights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FlightReportCodecTest {
  private final FlightReportCodec codec = new FlightReportCodec();

  @Test
  void roundTripsInFewBytes() {
    FlightReport r = FlightReport.airborne(115, Instant.parse("2026-03-01T10:15:30.123Z"));
    byte[] bytes = codec.encodeValue(r);
    assertThat(bytes).hasSizeLessThanOrEqualTo(33 + FlightReport.MAX_STATUS);
    assertThat(codec.decodeValue(bytes)).isEqualTo(r);
    assertThat(codec.decodeKey(codec.encodeKey(115L))).isEqualTo(115L);
  }

  @Test
  void refusesWhatIsNotAReport() {
    byte[] bytes = codec.encodeValue(FlightReport.airborne(7, Instant.EPOCH));
    assertThatThrownBy(() -> codec.decodeValue(Arrays.copyOf(bytes, 20))).isInstanceOf(IllegalArgumentException.class);
    bytes[0] = 9;
    assertThatThrownBy(() -> codec.decodeValue(bytes)).hasMessageContaining("format 9");
  }

  @Test
  void successiveReportsOfAFlightMoveOn() {
    Instant t = Instant.parse("2026-03-01T10:00:00Z");
    FlightReport a = FlightReport.airborne(42, t);
    FlightReport b = FlightReport.airborne(42, t.plusSeconds(5));
    assertThat(a.lat() != b.lat() || a.lon() != b.lon()).isTrue();
    assertThat(a.status()).isIn("climb", "cruise", "descent");
    assertThatThrownBy(() -> new FlightReport(t, 0, 0, 0, 0, "x".repeat(17))).isInstanceOf(IllegalArgumentException.class);
  }
}
