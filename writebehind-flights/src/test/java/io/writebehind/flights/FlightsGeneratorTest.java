package io.writebehind.flights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlightsGeneratorTest {

  private static List<FlightRow> flights(FlightsGenerator gen, long count) {
    List<FlightRow> rows = new ArrayList<>();
    gen.flights(count).forEachRemaining(rows::add);
    return rows;
  }

  @Test
  void sameSeedGivesTheSameRows() {
    FlightsGenerator a = new FlightsGenerator(42);
    FlightsGenerator b = new FlightsGenerator(42);
    assertThat(a.airports()).isEqualTo(b.airports());
    assertThat(a.airlines()).isEqualTo(b.airlines());
    assertThat(a.airplanes()).isEqualTo(b.airplanes());
    assertThat(flights(a, 3_000)).isEqualTo(flights(b, 3_000));
  }

  @Test
  void differentSeedGivesDifferentRows() {
    FlightsGenerator a = new FlightsGenerator(42);
    FlightsGenerator b = new FlightsGenerator(43);
    assertThat(a.airports()).isNotEqualTo(b.airports());
    assertThat(a.airlines()).isNotEqualTo(b.airlines());
    assertThat(a.airplanes()).isNotEqualTo(b.airplanes());
    assertThat(flights(a, 3_000)).isNotEqualTo(flights(b, 3_000));
  }

  @Test
  void aSmallLoadIsAPrefixOfALargeOne() {
    FlightsGenerator gen = new FlightsGenerator(7);
    assertThat(flights(gen, 10_000).subList(0, 1_000)).isEqualTo(flights(gen, 1_000));
  }

  @Test
  void flight115IsTheWalkthroughsFlightWhateverTheSeed() {
    for (long seed : new long[] {FlightsGenerator.DEFAULT_SEED, 1, -99}) {
      FlightsGenerator gen = new FlightsGenerator(seed);
      FlightRow f = flights(gen, 200).get(114);
      assertThat(f.flightId()).isEqualTo(115);
      assertThat(f.flightno()).isEqualTo("AM5136");
      assertThat(f.departure()).isEqualTo(LocalDateTime.of(2025, 10, 1, 11, 19, 0));
      assertThat(f.arrival()).isEqualTo(LocalDateTime.of(2025, 10, 1, 15, 3, 0));
      assertThat(gen.airports().get(f.from() - 1).iata()).isEqualTo("YPC");
      assertThat(gen.airports().get(f.to() - 1).iata()).isEqualTo("XGR");
      AirlineRow airline = gen.airlines().get(f.airlineId() - 1);
      assertThat(airline.iata()).isEqualTo("AM");
      assertThat(airline.airlinename()).isEqualTo("American Samoa Airlines");
      assertThat(gen.airplanes().get(f.airplaneId() - 1).airlineId()).isEqualTo(f.airlineId());
    }
  }

  @Test
  void countsAndCodesAreUniqueAndFitTheColumns() {
    FlightsGenerator gen = new FlightsGenerator(FlightsGenerator.DEFAULT_SEED);
    assertThat(gen.airports()).hasSize(9_939);
    assertThat(gen.airlines()).hasSize(113);
    assertThat(gen.airplanes()).hasSize(5_583);

    Set<String> iata = new HashSet<>();
    Set<String> icao = new HashSet<>();
    for (AirportRow a : gen.airports()) {
      assertThat(a.iata()).matches("[A-Z]{3}");
      assertThat(a.icao()).matches("[A-Z]{4}");
      assertThat(a.name()).isNotBlank().hasSizeLessThanOrEqualTo(50);
      assertThat(iata.add(a.iata())).as("unique IATA %s", a.iata()).isTrue();
      assertThat(icao.add(a.icao())).as("unique ICAO %s", a.icao()).isTrue();
    }
    assertThat(gen.airports()).filteredOn(a -> a.iata().equals("YPC")).hasSize(1);
    assertThat(gen.airports()).filteredOn(a -> a.iata().equals("XGR")).hasSize(1);

    Set<String> airlineCodes = new HashSet<>();
    Set<String> airlineNames = new HashSet<>();
    for (AirlineRow a : gen.airlines()) {
      assertThat(a.iata()).matches("[A-Z]{2}");
      assertThat(a.airlinename()).hasSizeLessThanOrEqualTo(30);
      assertThat(airlineCodes.add(a.iata())).isTrue();
      assertThat(airlineNames.add(a.airlinename())).isTrue();
      assertThat(a.baseAirport()).isBetween(1, 9_939);
    }
    assertThat(gen.airlines()).filteredOn(a -> a.iata().equals("AM")).hasSize(1);
  }

  @Test
  void flightsAreWellFormed() {
    FlightsGenerator gen = new FlightsGenerator(FlightsGenerator.DEFAULT_SEED);
    Iterator<FlightRow> it = gen.flights(20_000);
    int id = 0;
    while (it.hasNext()) {
      FlightRow f = it.next();
      assertThat(f.flightId()).isEqualTo(++id);
      String airlineIata = gen.airlines().get(f.airlineId() - 1).iata();
      assertThat(f.flightno()).matches(airlineIata + "[0-9]{4}");
      if (f.flightId() != 115) {
        assertThat(f.flightno()).isNotEqualTo("AM5136");
      }
      assertThat(f.from()).isNotEqualTo(f.to()).isBetween(1, 9_939);
      assertThat(f.to()).isBetween(1, 9_939);
      assertThat(f.departure().getYear()).isEqualTo(2025);
      assertThat(Duration.between(f.departure(), f.arrival()))
          .isBetween(Duration.ofMinutes(30), Duration.ofHours(14));
      assertThat(gen.airplanes().get(f.airplaneId() - 1).airlineId()).isEqualTo(f.airlineId());
    }
    assertThat(id).isEqualTo(20_000);
  }

  @Test
  void refusesLoadsWithoutFlight115() {
    assertThatThrownBy(() -> new FlightsGenerator(1).flights(114))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
