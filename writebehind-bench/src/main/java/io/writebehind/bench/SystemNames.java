package io.writebehind.bench;

import java.util.List;

/** The systems the benchmark compares, by the names the JSON and the flags use. */
public final class SystemNames {
  public static final String FLOOR = "floor";
  public static final String WRITEBEHIND = "writebehind";
  public static final String WRITE_THROUGH = "write-through";
  public static final String ORIGINAL = "original";
  public static final String REDISSON = "redisson";
  public static final String HAZELCAST = "hazelcast";
  /** Counting: the bare increment script and JDBC batch, and ours. */
  public static final String COUNTERS_FLOOR = "counters-floor";
  public static final String COUNTERS = "counters";
  /** Redisson's {@code RMap.addAndGet} with its write-behind writer storing the cached total. */
  public static final String REDISSON_COUNTERS = "redisson-counters";
  /** Events: the bare append script and bare loads, ours, and the original's list and INSERT per task. */
  public static final String EVENTS_FLOOR = "events-floor";
  public static final String EVENTS = "events";
  public static final String EVENTS_ORIGINAL = "events-original";
  /** Workers in 1, 2 and 4 processes draining a Valkey Cluster: run only when asked for (it needs a cluster). */
  public static final String CLUSTER_DRAIN = "cluster-drain";
  /** The systems a run has by default. */
  public static final List<String> ALL = List.of(FLOOR, WRITEBEHIND, WRITE_THROUGH, ORIGINAL, REDISSON, HAZELCAST,
      COUNTERS_FLOOR, COUNTERS, REDISSON_COUNTERS, EVENTS_FLOOR, EVENTS, EVENTS_ORIGINAL);
  /** Every name {@code --systems} takes, in the order they are reported. */
  public static final List<String> KNOWN = java.util.stream.Stream.concat(ALL.stream(), java.util.stream.Stream.of(CLUSTER_DRAIN))
      .toList();

  private SystemNames() {}

  /** Whether the system counts (its writes add one) rather than overwriting rows. */
  public static boolean counts(String name) {
    return name.equals(COUNTERS_FLOOR) || name.equals(COUNTERS) || name.equals(REDISSON_COUNTERS);
  }

  /** Two letters for Valkey names: every byte of a key name is repeated in the append-only file. */
  public static String code(String name) {
    return switch (name) {
      case FLOOR -> "fl";
      case WRITEBEHIND -> "wb";
      case WRITE_THROUGH -> "wt";
      case ORIGINAL -> "or";
      case REDISSON -> "rs";
      case HAZELCAST -> "hz";
      case COUNTERS_FLOOR -> "cf";
      case COUNTERS -> "ct";
      case REDISSON_COUNTERS -> "rc";
      case EVENTS_FLOOR -> "ef";
      case EVENTS -> "ev";
      case EVENTS_ORIGINAL -> "eo";
      case CLUSTER_DRAIN -> "cd";
      default -> throw new IllegalArgumentException("unknown system '" + name + "'");
    };
  }
}
