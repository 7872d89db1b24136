package io.writebehind.engine;

import java.time.Duration;

/**
 * The engine's settings as {@link WriteBehindBuilder} validated them: immutable, and made
 * only by the builder.
 *
 * @param namespace prefix of every key; engines sharing one must agree on partitions
 * @param partitions journal streams the writes spread over (the unit of worker parallelism)
 * @param ttl how long a flushed value stays cached; {@link Duration#ZERO} keeps it
 * @param maxJournalLength unflushed writes a partition may hold before writes are refused
 * @param commandTimeout how long a Valkey command may take
 * @param overflow what a write does when its journal is at {@code maxJournalLength}
 * @param blockTimeout how long a write waits for room under {@link OverflowPolicy#BLOCK}
 * @param durability what a write waits for before it returns
 * @param maxValueBytes largest encoded value a write may carry
 * @param maxKeyBytes largest encoded key a write may carry
 * @param acceptEviction whether to run on a server whose eviction policy may evict journals
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

  WriteBehindOptions(String namespace, int partitions, Duration ttl, long maxJournalLength, Duration commandTimeout, OverflowPolicy overflow, Duration blockTimeout, Durability durability, int maxValueBytes, int maxKeyBytes, boolean acceptEviction) {
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

  public String namespace() {
    return namespace;
  }

  public int partitions() {
    return partitions;
  }

  public Duration ttl() {
    return ttl;
  }

  public long maxJournalLength() {
    return maxJournalLength;
  }

  public Duration commandTimeout() {
    return commandTimeout;
  }

  public OverflowPolicy overflow() {
    return overflow;
  }

  public Duration blockTimeout() {
    return blockTimeout;
  }

  public Durability durability() {
    return durability;
  }

  public int maxValueBytes() {
    return maxValueBytes;
  }

  public int maxKeyBytes() {
    return maxKeyBytes;
  }

  public boolean acceptEviction() {
    return acceptEviction;
  }

  @Override
  public String toString() {
    return "WriteBehindOptions[" + "namespace=" + namespace + ", " + "partitions=" + partitions + ", " + "ttl=" + ttl + ", " + "maxJournalLength=" + maxJournalLength + ", " + "commandTimeout=" + commandTimeout + ", " + "overflow=" + overflow + ", " + "blockTimeout=" + blockTimeout + ", " + "durability=" + durability + ", " + "maxValueBytes=" + maxValueBytes + ", " + "maxKeyBytes=" + maxKeyBytes + ", " + "acceptEviction=" + acceptEviction + "]";
  }
}
