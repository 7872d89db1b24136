package io.writebehind;

/** What a write does when its partition's journal is at its limit. */
public enum OverflowPolicy {
  /** Throw {@link JournalFullException} at once: the caller decides. */
  FAIL,
  /** Wait for room up to the block timeout, then throw {@link JournalFullException}. */
  BLOCK,
  /**
   * Write the database synchronously (still version-guarded, so no older journaled write of
   * the key can overtake it), then the cache: slow, but nothing is refused.
   */
  WRITE_THROUGH
}
