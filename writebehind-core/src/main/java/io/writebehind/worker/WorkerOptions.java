package io.writebehind.worker;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a worker drains. Immutable; {@link #builder()} validates each value, {@link #mutate()}
 * starts a builder from these values.
 */
public final class WorkerOptions {
  private final int batchSize;
  private final Duration linger;
  private final Duration leaseTtl;
  private final int threads;
  private final Backoff backoff;
  private final String workerId;
  private final Duration shutdownTimeout;
  private final boolean trimJournal;
  private final Clock clock;
  private final WorkerListener listener;

  private WorkerOptions(
      int batchSize, Duration linger, Duration leaseTtl, int threads, Backoff backoff, String workerId,
      Duration shutdownTimeout, boolean trimJournal, Clock clock, WorkerListener listener) {
    this.batchSize = batchSize;
    this.linger = linger;
    this.leaseTtl = leaseTtl;
    this.threads = threads;
    this.backoff = backoff;
    this.workerId = workerId;
    this.shutdownTimeout = shutdownTimeout;
    this.trimJournal = trimJournal;
    this.clock = clock;
    this.listener = listener;
  }

  /** Journal entries read for one database transaction, at most. */
  public int batchSize() {
    return batchSize;
  }

  /** Longest wait between polls of an idle journal (bounds the added latency). */
  public Duration linger() {
    return linger;
  }

  /** How long a partition stays with a worker that stopped renewing it: the time before a crashed worker's partitions are taken over. */
  public Duration leaseTtl() {
    return leaseTtl;
  }

  /** Drain threads; each takes its share of the worker's partitions. */
  public int threads() {
    return threads;
  }

  /** Delays between retries of a failed batch. */
  public Backoff backoff() {
    return backoff;
  }

  /** This worker's name in the consumer group and in status; null picks one. */
  public String workerId() {
    return workerId;
  }

  /** How long closing waits for the batch in flight. */
  public Duration shutdownTimeout() {
    return shutdownTimeout;
  }

  /** Whether acknowledged entries leave the journal (the default); keep them for an audit trail or a replay, knowing that they then count against the journal limit. */
  public boolean trimJournal() {
    return trimJournal;
  }

  /** Where the worker reads the time: its circuit breaker, heartbeats, idle checks and dead-letter times. */
  public Clock clock() {
    return clock;
  }

  /** Told of dead letters and retried failures as they happen ({@link WorkerListener#NONE} by default). */
  public WorkerListener listener() {
    return listener;
  }

  @Override
  public String toString() {
    return "WorkerOptions[" + "batchSize=" + batchSize + ", " + "linger=" + linger + ", " + "leaseTtl=" + leaseTtl + ", " + "threads=" + threads + ", " + "backoff=" + backoff + ", " + "workerId=" + workerId + ", " + "shutdownTimeout=" + shutdownTimeout + ", " + "trimJournal=" + trimJournal + "]";
  }


  /** The defaults: batches of 2000, 20 ms linger, 5 s leases, one drain thread. */
  public static WorkerOptions defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder mutate() {
    Builder b = new Builder();
    b.batchSize = batchSize;
    b.linger = linger;
    b.leaseTtl = leaseTtl;
    b.threads = threads;
    b.backoff = backoff;
    b.workerId = workerId;
    b.shutdownTimeout = shutdownTimeout;
    b.trimJournal = trimJournal;
    b.clock = clock;
    b.listener = listener;
    return b;
  }

  /** Validates each setting at once, each settable once; {@link #build()} checks them together. */
  public static final class Builder {
    private int batchSize = 2000;
    private Duration linger = Duration.ofMillis(20);
    private Duration leaseTtl = Duration.ofSeconds(5);
    private int threads = 1;
    private Backoff backoff = Backoff.defaults();
    private String workerId;
    private Duration shutdownTimeout = Duration.ofSeconds(10);
    private boolean trimJournal = true;
    private Clock clock = Clock.systemUTC();
    private WorkerListener listener = WorkerListener.NONE;

    /** The settings made so far: each may be made once. */
    private final java.util.Set<String> set = new java.util.HashSet<>();

    private Builder() {}

    private void once(String setting) {
      if (!set.add(setting)) {
        throw new IllegalStateException(setting + " was already set");
      }
    }

    /** Journal entries read for one transaction, 1 to 100000 (default 2000). */
    public Builder batchSize(int batchSize) {
      once("batchSize");
      if (batchSize < 1 || batchSize > 100_000) {
        throw new IllegalArgumentException("batchSize must be between 1 and 100000, was " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /** Longest wait between polls of an idle journal, 1 ms to 60 s (default 20 ms). */
    public Builder linger(Duration linger) {
      once("linger");
      if (linger == null || linger.isNegative() || linger.isZero() || linger.toMillis() > 60_000) {
        throw new IllegalArgumentException("linger must be between 1 ms and 60 s, was " + linger);
      }
      this.linger = linger;
      return this;
    }

    /** How long a silent worker keeps its partitions, at least 300 ms (default 5 s). */
    public Builder leaseTtl(Duration leaseTtl) {
      once("leaseTtl");
      if (leaseTtl == null || leaseTtl.toMillis() < 300) {
        throw new IllegalArgumentException("leaseTtl must be at least 300 ms, was " + leaseTtl);
      }
      this.leaseTtl = leaseTtl;
      return this;
    }

    /** Drain threads, 1 to 256 (default 1). */
    public Builder threads(int threads) {
      once("threads");
      if (threads < 1 || threads > 256) {
        throw new IllegalArgumentException("threads must be between 1 and 256, was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** Delays between retries of a failed batch (default {@link Backoff#defaults()}). */
    public Builder backoff(Backoff backoff) {
      once("backoff");
      this.backoff = Objects.requireNonNull(backoff, "backoff");
      return this;
    }

    /** The worker's name, {@code [A-Za-z0-9_.:@-]{1,100}}; null picks host-pid-random. */
    public Builder workerId(String workerId) {
      once("workerId");
      if (workerId != null && !workerId.matches("[A-Za-z0-9_.:@\\-]{1,100}")) {
        throw new IllegalArgumentException("workerId must match [A-Za-z0-9_.:@-]{1,100}, was '" + workerId + "'");
      }
      this.workerId = workerId;
      return this;
    }

    /** How long closing waits for the batch in flight (default 10 s). */
    public Builder shutdownTimeout(Duration shutdownTimeout) {
      once("shutdownTimeout");
      if (shutdownTimeout == null || shutdownTimeout.isNegative()) {
        throw new IllegalArgumentException("shutdownTimeout must be zero or positive, was " + shutdownTimeout);
      }
      this.shutdownTimeout = shutdownTimeout;
      return this;
    }

    /** Whether committed entries leave the journal (default true). */
    public Builder trimJournal(boolean trimJournal) {
      once("trimJournal");
      this.trimJournal = trimJournal;
      return this;
    }

    /** The clock the worker reads (default the system's): tests move it instead of sleeping. */
    public Builder clock(Clock clock) {
      once("clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Told of dead letters and retried failures as they happen (default: nobody). */
    public Builder listener(WorkerListener listener) {
      once("listener");
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The options; linger must be shorter than leaseTtl. */
    public WorkerOptions build() {
      if (linger.compareTo(leaseTtl) >= 0) {
        throw new IllegalStateException("linger (" + linger + ") must be shorter than leaseTtl (" + leaseTtl + ")");
      }
      return new WorkerOptions(batchSize, linger, leaseTtl, threads, backoff, workerId, shutdownTimeout, trimJournal, clock, listener);
    }
  }
}
