package io.writebehind;

import io.writebehind.admin.PartitionStatus;
import java.time.Duration;
import java.util.List;

/** {@link WriteBehind#flush} ran out of time; carries the queue state it saw last. */
public class FlushTimeoutException extends WriteBehindException {
  private static final long serialVersionUID = 1L;
  private final transient List<PartitionStatus> unflushed;

  /** A flush that ran out of {@code timeout}, with the partitions still behind. */
  public FlushTimeoutException(Duration timeout, List<PartitionStatus> unflushed) {
    super("flush timed out after " + timeout.toMillis() + " ms: " + describe(unflushed));
    this.unflushed = List.copyOf(unflushed);
  }

  /** The partitions that still held unflushed writes. */
  public List<PartitionStatus> unflushed() {
    return unflushed;
  }

  private static String describe(List<PartitionStatus> parts) {
    long length = parts.stream().mapToLong(PartitionStatus::length).sum();
    long pending = parts.stream().mapToLong(PartitionStatus::pending).sum();
    boolean noWorker = parts.stream().allMatch(p -> p.leaseOwner() == null);
    return parts.size() + " partition(s) behind, " + length + " journal entries, " + pending + " pending"
        + (noWorker ? "; no worker holds them (is one running?)" : "");
  }
}
