package io.writebehind.engine;

import java.time.Duration;

/**
 * What a write waits for before it returns, beyond the primary's memory.
 *
 * <ul>
 *   <li>{@code replicas > 0}: WAIT until that many replicas have the write (survives the loss
 *       of the primary with failover);
 *   <li>{@code aof}: WAITAOF until the primary's AOF has it on disk (survives a crash of the
 *       primary; needs Valkey 7.2+/Redis 7.2+ with appendonly yes).
 * </ul>
 *
 * A write that waited longer than {@code timeout} throws {@link DurabilityException}: it is
 * stored and journaled, but not as durable as asked.
 */
public record Durability(int replicas, boolean aof, Duration timeout) {
  public static final Durability MEMORY = new Durability(0, false, Duration.ofSeconds(1));

  public Durability {
    if (replicas < 0) {
      throw new IllegalArgumentException("replicas must be zero or more, was " + replicas);
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("durability timeout must be positive, was " + timeout);
    }
  }

  boolean waits() {
    return replicas > 0 || aof;
  }
}
