package io.writebehind.cli.chaos;

/** What the run did to the system, for the progress lines and the report. */
final class FaultCounts {
  int kills;
  int cuts;
  long connectionsCut;
  int dbRestarts;
  int valkeyRestarts;
  int unexpectedExits;
}
