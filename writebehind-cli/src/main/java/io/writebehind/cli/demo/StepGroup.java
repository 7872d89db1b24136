package io.writebehind.cli.demo;

import io.writebehind.flights.Flight;
import java.sql.SQLException;
import java.util.function.Function;

/** What every group of demo steps works with: the run, its console and style, the flight, the shared state. */
abstract class StepGroup {
  final DemoRun r;
  final Console c;
  final Style s;
  final long id;
  final Commands commands;
  final DemoState st;
  final Measured m;

  StepGroup(DemoRun run, DemoState state) {
    this.r = run;
    this.c = run.console;
    this.s = run.style;
    this.id = run.settings.flightId();
    this.commands = new Commands(run.engine, id);
    this.st = state;
    this.m = state.measured;
  }

  /** The cache-aside loader: the database read, its time left in {@code dbNanos[0]}. */
  Function<Long, Flight> loader(long[] dbNanos) {
    return key -> {
      long t = System.nanoTime();
      try {
        return r.repository.find(key).orElse(null);
      } catch (SQLException e) {
        throw new IllegalStateException("reading flight " + key + " failed: " + e.getMessage(), e);
      } finally {
        dbNanos[0] = System.nanoTime() - t;
      }
    };
  }
}
