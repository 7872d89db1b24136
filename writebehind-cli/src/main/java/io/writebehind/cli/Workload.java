package io.writebehind.cli;

import java.util.Locale;

/**
 * What {@code load} and {@code chaos} write: new times of flights (overwrites), views of
 * flights (increments), or position reports of flights (events).
 */
public enum Workload {
  /** Each write puts a flight with new times; the newest write of a flight wins. */
  OVERWRITE,
  /** Each write adds 1 to a flight's views; every acknowledged one must be counted once. */
  VIEWS,
  /** Each write appends a position report of a flight; every acknowledged one must land once. */
  EVENTS;

  public static final String CHOICES = "overwrite|views|events";

  /** The workload named on the command line; anything else is bad input. */
  public static Workload of(String name) {
    for (Workload w : values()) {
      if (w.name().equalsIgnoreCase(name)) {
        return w;
      }
    }
    throw CliException.badInput("--workload must be one of " + CHOICES + ", was '" + name + "'");
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
