package io.writebehind.cli.dashboard;

import io.writebehind.admin.PartitionStatus;
import io.writebehind.admin.QueueStatus;

/**
 * How many entries were ever added to a namespace's journals: the streams' own
 * {@code entries-added} (Valkey, Redis 7+), which trimming does not lower. Two readings a
 * second apart give the write rate.
 */
final class JournalCounts {
  private JournalCounts() {}

  /** The sum over the partitions' journals, or -1 when the server does not count (Redis 6). */
  static long entriesAdded(QueueStatus status) {
    long sum = 0;
    for (PartitionStatus p : status.partitions()) {
      if (p.entriesAdded() < 0) {
        return -1;
      }
      sum += p.entriesAdded();
    }
    return sum;
  }
}
