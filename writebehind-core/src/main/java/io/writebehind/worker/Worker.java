package io.writebehind.worker;

import java.util.Set;

/**
 * Drains journals into the sink; started by {@code WriteBehind.startWorker}. Workers in any
 * number of threads and processes share a namespace's partitions through leases: each holds
 * about its fair share, and a crashed worker's partitions pass to the others when its leases
 * expire, together with the entries it had read and not committed.
 */
public interface Worker extends AutoCloseable {
  /** This worker's name in leases, heartbeats and status. */
  String id();

  /** The partitions this worker holds now. */
  Set<Integer> partitions();

  /** Its running counts. */
  WorkerStats stats();

  /** Whether it has stopped sending batches to a database that keeps failing (it probes it). */
  boolean databaseUnavailable();

  /**
   * Stops taking work, lets the batches in flight commit and acknowledge (up to the shutdown
   * timeout), then gives back its leases so that other workers take over at once.
   */
  @Override
  void close();
}
