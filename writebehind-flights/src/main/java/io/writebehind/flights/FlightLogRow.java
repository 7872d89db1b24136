package io.writebehind.flights;

import java.time.LocalDateTime;

/** One flight_log row: a change of a flight with its values before and after. */
public record FlightLogRow(
    LocalDateTime logDate,
    String user,
    long flightId,
    String flightnoOld,
    String flightnoNew,
    int fromOld,
    int fromNew,
    int toOld,
    int toNew,
    LocalDateTime departureOld,
    LocalDateTime departureNew,
    LocalDateTime arrivalOld,
    LocalDateTime arrivalNew,
    int airplaneIdOld,
    int airplaneIdNew,
    int airlineIdOld,
    int airlineIdNew,
    String comment) {}
