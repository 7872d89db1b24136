package io.writebehind;

import java.util.List;

/**
 * A partition's journal vanished while it may have held writes the database never got:
 * evicted (a {@code maxmemory-policy} of {@code allkeys-*}), deleted, or flushed away. Which
 * writes were lost cannot be told, so {@link WriteBehind#flush} fails with this until an
 * operator has dealt with it and called {@link io.writebehind.admin.Admin#acknowledgeJournalLosses()}.
 */
public class JournalLostException extends WriteBehindException {
  private static final long serialVersionUID = 1L;
  /** The partitions whose journal vanished. */
  private final List<Integer> partitions;

  /** A loss found in these partitions. */
  public JournalLostException(List<Integer> partitions) {
    super("the journal of partition(s) " + partitions + " vanished with writes that may never reach the database "
        + "(eviction, a deleted key or FLUSHALL); see the worker log, then acknowledge the loss "
        + "(admin().acknowledgeJournalLosses(), or writebehind status --ack-loss)");
    this.partitions = List.copyOf(partitions);
  }

  /** The partitions whose journal vanished. */
  public List<Integer> partitions() {
    return partitions;
  }
}
