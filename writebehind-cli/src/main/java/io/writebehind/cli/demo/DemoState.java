package io.writebehind.cli.demo;

import io.writebehind.flights.Flight;

/**
 * What the steps hand on to each other: the flight as first read and as delayed, how far the
 * delay got (for what a stop in interactive mode must tell), and the figures measured.
 */
final class DemoState {
  final Measured measured = new Measured();
  Flight original;
  Flight delayed;
  boolean delayWritten;
  boolean delayInDatabase;
  int logRowsBefore;
}
