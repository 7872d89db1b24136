package io.writebehind.examples.springflights;

import java.time.Instant;

/** A flight's times: what PUT /flights/{id} takes and the flights cache holds. */
public record Flight(Instant departure, Instant arrival) {}
