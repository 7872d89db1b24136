package io.writebehind.cli;

import java.util.Locale;

/** What {@code load} and {@code chaos} write: new times of flights (overwrites), or views of flights (increments). */
public enum Workload {
  /** Each write puts a flight with new times; the newest write of a flight wins. */
  OVERWRITE,
  /** Each write adds 1 to a flight's views; every acknowledged one must be counted once. */
  VIEWS;

  public static final String CHOICES = "overwrite|views";

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
