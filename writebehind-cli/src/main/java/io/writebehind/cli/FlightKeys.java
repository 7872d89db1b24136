package io.writebehind.cli;

import io.writebehind.flights.FlightsGenerator;
import java.util.stream.LongStream;

/**
 * The flights {@code load} and {@code chaos} update: ids 1..K without the demo's flight, so
 * the walkthrough keeps the document's times however much load or chaos ran before it.
 */
public final class FlightKeys {
  private FlightKeys() {}

  /** 1..{@code keys} in order, without {@link FlightsGenerator#DEMO_FLIGHT_ID}. */
  public static long[] upTo(int keys) {
    return LongStream.rangeClosed(1, keys).filter(id -> id != FlightsGenerator.DEMO_FLIGHT_ID).toArray();
  }
}
