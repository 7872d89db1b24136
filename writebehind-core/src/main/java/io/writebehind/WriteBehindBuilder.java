package io.writebehind;

import io.writebehind.internal.journal.KeyLayout;
import io.writebehind.ValkeyConnection;
import io.writebehind.sink.Sink;
import java.time.Duration;
import java.util.Objects;

/**
 * Builds a {@link WriteBehind}. Each setter validates its value at once and names it in
 * the message; {@link #build()} checks the settings against each other and against what
 * the namespace already uses in Valkey.
 */
public final class WriteBehindBuilder<K, V> {
  private final Codec<K, V> codec;
  private String valkeyUrl;
  private String namespace = "writebehind";
  private Sink<K, V> sink;
  private int partitions = 16;
  private Duration ttl = Duration.ofHours(1);
  private long maxJournalLength = 1_000_000;
  private Duration commandTimeout = Duration.ofSeconds(10);
  private OverflowPolicy overflow = OverflowPolicy.FAIL;
  private Duration blockTimeout = Duration.ofSeconds(5);
  private Durability durability = Durability.MEMORY;
  private int maxValueBytes = 1 << 20;
  private int maxKeyBytes = 1024;
  private boolean acceptEviction;
  private io.lettuce.core.resource.ClientResources clientResources;

  /** The settings made so far: each may be made once, as in Caffeine's builders. */
  private final java.util.Set<String> set = new java.util.HashSet<>();

  WriteBehindBuilder(Codec<K, V> codec) {
    this.codec = Objects.requireNonNull(codec, "codec");
  }

  private void once(String setting) {
    if (!set.add(setting)) {
      throw new IllegalStateException(setting + " was already set");
    }
  }

  /** The server to connect to; the engine owns the connection and closes it. */
  public WriteBehindBuilder<K, V> valkeyUrl(String url) {
    once("valkeyUrl");
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("valkeyUrl must not be blank");
    }
    this.valkeyUrl = url;
    return this;
  }

  /** The prefix of every key, {@code [A-Za-z0-9_.-]{1,64}} (default "writebehind"). */
  public WriteBehindBuilder<K, V> namespace(String namespace) {
    once("namespace");
    new KeyLayout(namespace, 1);
    this.namespace = namespace;
    return this;
  }

  /** Where workers apply the writes; needed to start a worker or to write through. */
  public WriteBehindBuilder<K, V> sink(Sink<K, V> sink) {
    once("sink");
    this.sink = Objects.requireNonNull(sink, "sink");
    return this;
  }

  /** Journal streams the writes spread over, 1 to 16384 (default 16); fixed for a namespace. */
  public WriteBehindBuilder<K, V> partitions(int partitions) {
    once("partitions");
    if (partitions < 1 || partitions > KeyLayout.MAX_PARTITIONS) {
      throw new IllegalArgumentException(
          "partitions must be between 1 and " + KeyLayout.MAX_PARTITIONS + ", was " + partitions);
    }
    this.partitions = partitions;
    return this;
  }

  /** How long a flushed value stays cached; zero keeps it until evicted or overwritten. */
  public WriteBehindBuilder<K, V> ttl(Duration ttl) {
    once("ttl");
    if (ttl == null || ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must be zero or positive, was " + ttl);
    }
    this.ttl = ttl;
    return this;
  }

  /** Unflushed writes one partition may hold; past it writes fail with {@link JournalFullException}. */
  public WriteBehindBuilder<K, V> maxJournalLength(long maxJournalLength) {
    once("maxJournalLength");
    if (maxJournalLength < 1) {
      throw new IllegalArgumentException("maxJournalLength must be at least 1, was " + maxJournalLength);
    }
    this.maxJournalLength = maxJournalLength;
    return this;
  }

  /** How long a Valkey command, and so a write, may take (default 10 s). */
  public WriteBehindBuilder<K, V> commandTimeout(Duration commandTimeout) {
    once("commandTimeout");
    if (commandTimeout == null || commandTimeout.isNegative() || commandTimeout.isZero()) {
      throw new IllegalArgumentException("commandTimeout must be positive, was " + commandTimeout);
    }
    this.commandTimeout = commandTimeout;
    return this;
  }

  /** What a write does when its partition's journal is full (default {@link OverflowPolicy#FAIL}). */
  public WriteBehindBuilder<K, V> overflow(OverflowPolicy overflow) {
    once("overflow");
    this.overflow = Objects.requireNonNull(overflow, "overflow");
    return this;
  }

  /** How long a write waits for room under {@link OverflowPolicy#BLOCK}. */
  public WriteBehindBuilder<K, V> blockTimeout(Duration blockTimeout) {
    once("blockTimeout");
    if (blockTimeout == null || blockTimeout.isNegative() || blockTimeout.isZero()) {
      throw new IllegalArgumentException("blockTimeout must be positive, was " + blockTimeout);
    }
    this.blockTimeout = blockTimeout;
    return this;
  }

  /** What a write waits for before it returns (default {@link Durability#MEMORY}). */
  public WriteBehindBuilder<K, V> durability(Durability durability) {
    once("durability");
    this.durability = Objects.requireNonNull(durability, "durability");
    return this;
  }

  /**
   * Largest encoded value a write may carry (default 1 MiB); a larger one fails with
   * {@link ValueTooLargeException} before anything is stored. Values live twice in Valkey
   * (cache and journal) until flushed, so this bounds memory per write.
   */
  public WriteBehindBuilder<K, V> maxValueBytes(int maxValueBytes) {
    once("maxValueBytes");
    if (maxValueBytes < 1 || maxValueBytes > 512 << 20) {
      throw new IllegalArgumentException("maxValueBytes must be between 1 and 536870912, was " + maxValueBytes);
    }
    this.maxValueBytes = maxValueBytes;
    return this;
  }

  /**
   * Largest encoded key (UTF-8 bytes) a write may carry (default 1024); a longer one fails
   * with {@link KeyTooLargeException} before anything is stored. Databases bound the size of
   * an index entry (PostgreSQL about 2700 bytes, MariaDB 3072): a key past it could never be
   * written there.
   */
  public WriteBehindBuilder<K, V> maxKeyBytes(int maxKeyBytes) {
    once("maxKeyBytes");
    if (maxKeyBytes < 1 || maxKeyBytes > 64 << 10) {
      throw new IllegalArgumentException("maxKeyBytes must be between 1 and 65536, was " + maxKeyBytes);
    }
    this.maxKeyBytes = maxKeyBytes;
    return this;
  }

  /**
   * Whether to run on a server whose {@code maxmemory-policy} is {@code allkeys-*} (default
   * false: {@link #build()} refuses). Such a server evicts journals and unflushed values
   * under memory pressure; the engine then counts the lost journals and
   * {@link WriteBehind#flush} fails, but the writes are gone. Only for a namespace whose
   * writes may be lost, or for a tool that only reads.
   */
  public WriteBehindBuilder<K, V> acceptEviction(boolean acceptEviction) {
    once("acceptEviction");
    this.acceptEviction = acceptEviction;
    return this;
  }

  /**
   * Lettuce event loops to share with the application's other clients and engines (the
   * engine leaves them running on close). Without it each engine has two threads of its own.
   */
  public WriteBehindBuilder<K, V> clientResources(io.lettuce.core.resource.ClientResources clientResources) {
    once("clientResources");
    this.clientResources = Objects.requireNonNull(clientResources, "clientResources");
    return this;
  }

  /** Connects, checks the settings against each other and against the namespace in Valkey, and starts the engine. */
  public WriteBehind<K, V> build() {
    return engine(null);
  }

  /** The engine; {@code kind} non-null records a namespace that holds something else than values (counters). */
  io.writebehind.internal.engine.DefaultWriteBehind<K, V> engine(String kind) {
    if (overflow == OverflowPolicy.WRITE_THROUGH && sink == null) {
      throw new IllegalStateException("overflow WRITE_THROUGH writes the database itself: set a sink");
    }
    if (valkeyUrl == null) {
      throw new IllegalStateException("valkeyUrl must be set");
    }
    // A write waits at most commandTimeout; what it may wait for inside must fit, or a caller
    // would be told "timed out" while the write goes on.
    if (overflow == OverflowPolicy.BLOCK && blockTimeout.compareTo(commandTimeout) >= 0) {
      throw new IllegalStateException("blockTimeout (" + blockTimeout + ") must be shorter than commandTimeout ("
          + commandTimeout + "): a write blocked on a full journal must give up before its caller does");
    }
    if (durability.waits() && durability.timeout().compareTo(commandTimeout) >= 0) {
      throw new IllegalStateException("the durability timeout (" + durability.timeout() + ") must be shorter than "
          + "commandTimeout (" + commandTimeout + ")");
    }
    WriteBehindOptions options = new WriteBehindOptions(
        namespace, partitions, ttl, maxJournalLength, commandTimeout, overflow, blockTimeout, durability, maxValueBytes,
        maxKeyBytes, acceptEviction);
    ValkeyConnection c = ValkeyConnection.open(valkeyUrl, commandTimeout, clientResources);
    try {
      return new io.writebehind.internal.engine.DefaultWriteBehind<>(c, codec, sink, options, kind);
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
  }
}
