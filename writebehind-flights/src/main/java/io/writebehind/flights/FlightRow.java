package io.writebehind.flights;

import java.time.LocalDateTime;

/** One flight row as stored: airports by id, unlike {@link Flight}, which carries their IATA codes. */
public record FlightRow(
    int flightId,
    String flightno,
    int from,
    int to,
    LocalDateTime departure,
    LocalDateTime arrival,
    int airlineId,
    int airplaneId) {}
