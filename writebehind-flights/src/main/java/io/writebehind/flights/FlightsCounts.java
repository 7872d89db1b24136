package io.writebehind.flights;

/** Row counts of the flights tables. */
public record FlightsCounts(long airports, long airlines, long airplanes, long flights) {

  /** What a complete load of {@code flights} flights leaves behind. */
  public static FlightsCounts expected(long flights) {
    return new FlightsCounts(
        FlightsGenerator.AIRPORTS, FlightsGenerator.AIRLINES, FlightsGenerator.AIRPLANES, flights);
  }
}
