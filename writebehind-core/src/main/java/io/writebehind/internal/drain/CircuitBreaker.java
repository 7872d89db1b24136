package io.writebehind.internal.drain;

import java.util.function.LongSupplier;

/**
 * Shared by a worker's drain threads, so that a database that is down is not hammered by
 * all of them: after {@code threshold} failed batches in a row the circuit opens and batches
 * stop; every {@code probeAfterMillis} one thread is let through to probe; a success closes
 * it again. Time comes from the given clock, so tests need not wait.
 */
final class CircuitBreaker {
  enum State { CLOSED, OPEN, HALF_OPEN }

  private final int threshold;
  private final long probeAfterMillis;
  private final LongSupplier clock;
  private State state = State.CLOSED;
  private int failures;
  private long openedAt;

  CircuitBreaker(int threshold, long probeAfterMillis, LongSupplier clock) {
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be at least 1, was " + threshold);
    }
    if (probeAfterMillis < 1) {
      throw new IllegalArgumentException("probeAfterMillis must be positive, was " + probeAfterMillis);
    }
    this.threshold = threshold;
    this.probeAfterMillis = probeAfterMillis;
    this.clock = clock;
  }

  /** Whether the caller may try a batch now; while open, only the one probe is let through. */
  synchronized boolean allow() {
    switch (state) {
      case CLOSED:
        return true;
      case OPEN:
        if (clock.getAsLong() - openedAt >= probeAfterMillis) {
          state = State.HALF_OPEN;
          return true;
        }
        return false;
      default:
        return false;
    }
  }

  synchronized void success() {
    state = State.CLOSED;
    failures = 0;
  }

  /** The probe found nothing to try: the next caller may probe instead. */
  synchronized void noAttempt() {
    if (state == State.HALF_OPEN) {
      state = State.OPEN;
    }
  }

  synchronized void failure() {
    failures++;
    if (state == State.HALF_OPEN || (state == State.CLOSED && failures >= threshold)) {
      state = State.OPEN;
      openedAt = clock.getAsLong();
    }
  }

  synchronized State state() {
    return state;
  }
}
