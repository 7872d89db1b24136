package io.writebehind.worker;

import java.time.Duration;

/**
 * Exponential backoff with full jitter, as a pure function of the attempt number: the
 * delay before attempt {@code n} (1-based retry count) is uniform in
 * {@code [0, min(max, base * 2^(n-1))]}. Full jitter keeps many workers that failed
 * together from retrying together.
 */
public record Backoff(Duration base, Duration max) {

  /** Validates the delays: base positive, max at least base. */
  public Backoff {
    if (base == null || base.isNegative() || base.isZero()) {
      throw new IllegalArgumentException("backoff base must be positive, was " + base);
    }
    if (max == null || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff max must be at least base (" + base + "), was " + max);
    }
  }

  /** From 50 ms up to 5 s. */
  public static Backoff defaults() {
    return new Backoff(Duration.ofMillis(50), Duration.ofSeconds(5));
  }

  /** The cap for a retry: {@code min(max, base * 2^(retry-1))}. */
  public long capMillis(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry must be at least 1, was " + retry);
    }
    long b = base.toMillis();
    int shift = Math.min(retry - 1, 30);
    long exp = b > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : b << shift;
    return Math.min(max.toMillis(), exp);
  }

  /** The delay for a retry given a uniform random number in [0, 1). */
  public long delayMillis(int retry, double random) {
    if (random < 0 || random >= 1) {
      throw new IllegalArgumentException("random must be in [0, 1), was " + random);
    }
    return (long) (capMillis(retry) * random);
  }
}
