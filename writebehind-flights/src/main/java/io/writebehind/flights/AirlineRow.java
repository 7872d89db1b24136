package io.writebehind.flights;

/** One generated airline row. */
public record AirlineRow(int airlineId, String iata, String airlinename, int baseAirport) {}
