package io.writebehind.bench.measure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The figure reported from a few timed rounds. With an even count the lower of the two
 * middle rounds: a figure is never better than half of its rounds.
 */
public final class Medians {
  private Medians() {}

  public static double lower(Collection<Double> rates) {
    if (rates.isEmpty()) {
      throw new IllegalArgumentException("no rounds to take a median of");
    }
    List<Double> sorted = new ArrayList<>(rates);
    sorted.sort(null);
    return sorted.get((sorted.size() - 1) / 2);
  }
}
