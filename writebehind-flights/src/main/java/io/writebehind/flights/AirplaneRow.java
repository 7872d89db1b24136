package io.writebehind.flights;

/** One generated airplane row. */
public record AirplaneRow(int airplaneId, int capacity, int typeId, int airlineId) {}
