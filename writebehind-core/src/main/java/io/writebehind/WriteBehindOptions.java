package io.writebehind;

import java.time.Duration;

/**
 * The engine's settings as {@link WriteBehindBuilder} validated them: immutable, and made
 * only by the builder.
 */
public final class WriteBehindOptions {
  private final String namespace;
  private final int partitions;
  private final Duration ttl;
  private final long maxJournalLength;
  private final Duration commandTimeout;
  private final OverflowPolicy overflow;
  private final Duration blockTimeout;
  private final Durability durability;
  private final int maxValueBytes;
  private final int maxKeyBytes;
  private final boolean acceptEviction;

  WriteBehindOptions(
      String namespace, int partitions, Duration ttl, long maxJournalLength, Duration commandTimeout,
      OverflowPolicy overflow, Duration blockTimeout, Durability durability, int maxValueBytes,
      int maxKeyBytes, boolean acceptEviction) {
    this.namespace = namespace;
    this.partitions = partitions;
    this.ttl = ttl;
    this.maxJournalLength = maxJournalLength;
    this.commandTimeout = commandTimeout;
    this.overflow = overflow;
    this.blockTimeout = blockTimeout;
    this.durability = durability;
    this.maxValueBytes = maxValueBytes;
    this.maxKeyBytes = maxKeyBytes;
    this.acceptEviction = acceptEviction;
  }

  /** Prefix of every key; engines sharing one must agree on partitions. */
  public String namespace() {
    return namespace;
  }

  /** Journal streams the writes spread over (the unit of worker parallelism). */
  public int partitions() {
    return partitions;
  }

  /** How long a flushed value stays cached; {@link Duration#ZERO} keeps it. */
  public Duration ttl() {
    return ttl;
  }

  /** Unflushed writes a partition may hold before writes are refused. */
  public long maxJournalLength() {
    return maxJournalLength;
  }

  /** How long a Valkey command may take. */
  public Duration commandTimeout() {
    return commandTimeout;
  }

  /** What a write does when its journal is at {@code maxJournalLength}. */
  public OverflowPolicy overflow() {
    return overflow;
  }

  /** How long a write waits for room under {@link OverflowPolicy#BLOCK}. */
  public Duration blockTimeout() {
    return blockTimeout;
  }

  /** What a write waits for before it returns. */
  public Durability durability() {
    return durability;
  }

  /** Largest encoded value a write may carry. */
  public int maxValueBytes() {
    return maxValueBytes;
  }

  /** Largest encoded key a write may carry. */
  public int maxKeyBytes() {
    return maxKeyBytes;
  }

  /** Whether to run on a server whose eviction policy may evict journals. */
  public boolean acceptEviction() {
    return acceptEviction;
  }

  @Override
  public String toString() {
    return "WriteBehindOptions[" + "namespace=" + namespace + ", " + "partitions=" + partitions + ", " + "ttl=" + ttl + ", " + "maxJournalLength=" + maxJournalLength + ", " + "commandTimeout=" + commandTimeout + ", " + "overflow=" + overflow + ", " + "blockTimeout=" + blockTimeout + ", " + "durability=" + durability + ", " + "maxValueBytes=" + maxValueBytes + ", " + "maxKeyBytes=" + maxKeyBytes + ", " + "acceptEviction=" + acceptEviction + "]";
  }
}
