package io.writebehind.engine;

import java.time.Duration;

/**
 * The engine's settings, validated by {@link WriteBehindBuilder}.
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
public record WriteBehindOptions(
    String namespace, int partitions, Duration ttl, long maxJournalLength, Duration commandTimeout,
    OverflowPolicy overflow, Duration blockTimeout, Durability durability, int maxValueBytes, int maxKeyBytes,
    boolean acceptEviction) {}
