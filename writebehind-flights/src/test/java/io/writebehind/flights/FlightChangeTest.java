package io.writebehind.flights;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlightChangeTest {

  @Test
  void metaRoundTrips() {
    FlightChange change = FlightChange.of("demo", "Flight delayed by 2 hours due to weather");
    assertThat(change.toMeta())
        .isEqualTo("{\"user\":\"demo\",\"comment\":\"Flight delayed by 2 hours due to weather\"}");
    assertThat(FlightChange.fromMeta(change.toMeta())).isEqualTo(change);
  }

  @Test
  void missingMetaMeansTheDefaultUserAndNoComment() {
    assertThat(FlightChange.fromMeta(null)).isEqualTo(new FlightChange("writebehind", null));
    assertThat(FlightChange.fromMeta("  ")).isEqualTo(new FlightChange("writebehind", null));
    assertThat(FlightChange.fromMeta("{}")).isEqualTo(new FlightChange("writebehind", null));
    assertThat(FlightChange.of(null, null).toMeta()).isEqualTo("{\"user\":\"writebehind\"}");
  }

  @Test
  void plainTextMetaIsTheComment() {
    assertThat(FlightChange.fromMeta("gate change")).isEqualTo(new FlightChange("writebehind", "gate change"));
    assertThat(FlightChange.fromMeta("{not json")).isEqualTo(new FlightChange("writebehind", "{not json"));
  }

  @Test
  void longValuesAreCutToTheColumns() {
    FlightChange change = FlightChange.of("u".repeat(150), "c".repeat(300));
    assertThat(change.user()).hasSize(100);
    assertThat(change.comment()).hasSize(200);
    assertThat(change.commentFor(12)).hasSize(200).endsWith("c (12 updates coalesced)");
  }

  @Test
  void coalescedNote() {
    assertThat(FlightChange.of("demo", "delayed").commentFor(1)).isEqualTo("delayed");
    assertThat(FlightChange.of("demo", "delayed").commentFor(3)).isEqualTo("delayed (3 updates coalesced)");
    assertThat(FlightChange.of("demo", null).commentFor(3)).isEqualTo("(3 updates coalesced)");
    assertThat(FlightChange.of("demo", null).commentFor(1)).isNull();
  }
}
