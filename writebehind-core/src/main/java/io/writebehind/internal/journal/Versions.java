package io.writebehind.internal.journal;

/**
 * A write's version is its journal entry id, {@code <ms>-<seq>}, read as one number:
 * {@code ms * 1,000,000 + seq}.
 *
 * <p>Stream ids only grow, survive restarts with AOF, are replicated verbatim, and stay
 * above everything the stream ever held even after trimming or deleting the stream (a new
 * stream starts at the current time). So a key's versions grow with every write without a
 * per-key counter that eviction could lose, and the number still reads as a timestamp.
 */
public final class Versions {
  private static final long SEQ_RANGE = 1_000_000L;

  private Versions() {}

  public static long fromEntryId(String entryId) {
    int dash = entryId.indexOf('-');
    if (dash <= 0 || dash == entryId.length() - 1) {
      throw new IllegalArgumentException("not a stream entry id: '" + entryId + "'");
    }
    long ms = Long.parseLong(entryId, 0, dash, 10);
    long seq = Long.parseLong(entryId, dash + 1, entryId.length(), 10);
    if (seq >= SEQ_RANGE) {
      // A million writes into one partition within one millisecond: not reachable today.
      throw new IllegalStateException("entry sequence " + seq + " does not fit a version: " + entryId);
    }
    return Math.multiplyExact(ms, SEQ_RANGE) + seq;
  }

  public static String toEntryId(long version) {
    return (version / SEQ_RANGE) + "-" + (version % SEQ_RANGE);
  }

  /** The write time of a version, in epoch milliseconds (the server's clock). */
  public static long millisOf(long version) {
    return version / SEQ_RANGE;
  }
}
