package io.writebehind.cli.demo;

/** The figures the demo's steps measure and its summary compares. */
final class Measured {
  double firstReadMs;
  double missMs;
  double hitMs;
  double hitAfterMs;
  double writeBehindMs;
  double restoreWriteMs;
  double drainMs;
}
