package io.writebehind.spring;

import java.time.Instant;

/** The test application's value: a flight's times, kept in the flight table's columns. */
public record Flight(Instant departure, Instant arrival) {}
