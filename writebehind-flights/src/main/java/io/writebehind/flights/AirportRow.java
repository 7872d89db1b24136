package io.writebehind.flights;

/** One generated airport row. */
public record AirportRow(int airportId, String iata, String icao, String name) {}
