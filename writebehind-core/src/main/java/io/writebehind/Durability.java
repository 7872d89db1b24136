package io.writebehind;

import java.time.Duration;
import java.util.Objects;

/**
 * What a write waits for before it returns, beyond the primary's memory. Named levels:
 *
 * <ul>
 *   <li>{@link #MEMORY}: nothing more (the default); the server's own {@code appendfsync}
 *       decides what a crash loses;
 *   <li>{@link #aof(Duration)}: WAITAOF until the primary's AOF has it on disk (survives a
 *       crash of the primary; needs Valkey 7.2+/Redis 7.2+ with appendonly yes);
 *   <li>{@link #replicas(int, Duration)}: WAIT until that many replicas have it (survives the
 *       loss of the primary with failover);
 *   <li>{@link #replicasAndAof(int, Duration)}: both.
 * </ul>
 *
 * A write that waited longer than the timeout throws {@link DurabilityException}: it is
 * stored and journaled, but not as durable as asked.
 *
 * <p>Concurrent writes to one primary share its WAIT (group commit): one arriving while a
 * WAIT is out waits for the next, so a write waits at most about twice the timeout, and the
 * WAITs sent stay near one per replication round trip however many threads write.
 */
public final class Durability {
  /** The write returns once the primary holds it in memory. */
  public static final Durability MEMORY = new Durability(0, false, Duration.ofSeconds(1));

  private final int replicas;
  private final boolean aof;
  private final Duration timeout;

  private Durability(int replicas, boolean aof, Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("durability timeout must be positive, was " + timeout);
    }
    this.replicas = replicas;
    this.aof = aof;
    this.timeout = timeout;
  }

  /** Waits until the primary's append-only file has the write on disk. */
  public static Durability aof(Duration timeout) {
    return new Durability(0, true, timeout);
  }

  /** Waits until {@code replicas} replicas (at least 1) have the write. */
  public static Durability replicas(int replicas, Duration timeout) {
    return new Durability(atLeastOne(replicas), false, timeout);
  }

  /** Waits until the primary's AOF and {@code replicas} replicas (at least 1) have the write. */
  public static Durability replicasAndAof(int replicas, Duration timeout) {
    return new Durability(atLeastOne(replicas), true, timeout);
  }

  /**
   * A level as a command line names it: {@code memory}, {@code aof}, {@code replicas=N} or
   * {@code replicas=N+aof}, each waiting at most {@code timeout}.
   *
   * @throws IllegalArgumentException naming the accepted forms
   */
  public static Durability parse(String text, Duration timeout) {
    String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
    if (t.equals("memory")) {
      return MEMORY;
    }
    if (t.equals("aof")) {
      return aof(timeout);
    }
    if (t.startsWith("replicas=")) {
      String n = t.substring("replicas=".length());
      boolean withAof = n.endsWith("+aof");
      try {
        int replicas = Integer.parseInt(withAof ? n.substring(0, n.length() - 4) : n);
        return withAof ? replicasAndAof(replicas, timeout) : replicas(replicas, timeout);
      } catch (NumberFormatException e) {
        // falls through to the message below
      }
    }
    throw new IllegalArgumentException("durability must be memory, aof, replicas=N or replicas=N+aof, was '" + text + "'");
  }

  private static int atLeastOne(int replicas) {
    if (replicas < 1) {
      throw new IllegalArgumentException("replicas must be at least 1, was " + replicas);
    }
    return replicas;
  }

  /** Replicas a write waits for; 0 for none. */
  public int replicas() {
    return replicas;
  }

  /** Whether a write waits for the primary's AOF. */
  public boolean aof() {
    return aof;
  }

  /** How long a write waits for it. */
  public Duration timeout() {
    return timeout;
  }

  /** Whether a write waits for anything beyond the primary's memory. */
  public boolean waits() {
    return replicas > 0 || aof;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Durability d && d.replicas == replicas && d.aof == aof && d.timeout.equals(timeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(replicas, aof, timeout);
  }

  @Override
  public String toString() {
    if (!waits()) {
      return "MEMORY";
    }
    String what = replicas == 0 ? "aof" : aof ? "replicasAndAof(" + replicas + ")" : "replicas(" + replicas + ")";
    return what + " within " + timeout.toMillis() + " ms";
  }
}
