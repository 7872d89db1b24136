package io.writebehind.cli.chaos;

import io.writebehind.cli.local.LocalCluster;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The two ways a primary of the local cluster is lost under load in {@code chaos --cluster}:
 * kill -9 (nothing handed over; its replica is promoted after the node timeout) and a manual
 * {@code CLUSTER FAILOVER} on its replica (the primary stops writes and hands everything over
 * first). Each returns once the cluster is whole again: the killed node is started again and
 * rejoins as the new primary's replica, as an operator would replace it, since with one
 * replica per primary WAIT 1 on the promoted one fails until it has a replica again.
 */
enum ClusterFault {
  KILL_9("kill-9") {
    @Override
    String inject(LocalCluster cluster, Random random) throws InterruptedException {
      int victim = pick(cluster.primaries(), random);
      int heir = cluster.replicaOf(victim);
      long at = System.nanoTime();
      cluster.kill(victim);
      long deadline = at + 30_000_000_000L;
      while (!LocalCluster.cli(heir, "role").startsWith("master")) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("replica " + heir + " was not promoted within 30 s of the kill -9 of " + victim);
        }
        Thread.sleep(20);
      }
      long promoted = System.nanoTime();
      cluster.restart(victim);
      cluster.awaitHealthy(30_000);
      return String.format(Locale.ROOT, "kill -9 of primary %d: replica %d promoted after %,d ms; the killed node back as its"
          + " replica after %,d ms", victim, heir, (promoted - at) / 1_000_000, (System.nanoTime() - at) / 1_000_000);
    }
  },
  FAILOVER("failover") {
    @Override
    String inject(LocalCluster cluster, Random random) {
      int primary = pick(cluster.primaries(), random);
      int replica = cluster.replicaOf(primary);
      long at = System.nanoTime();
      cluster.failover(replica, 10_000);
      long promoted = System.nanoTime();
      cluster.awaitHealthy(30_000);
      return String.format(Locale.ROOT, "CLUSTER FAILOVER on replica %d of primary %d: promoted after %,d ms, cluster healthy"
          + " after %,d ms", replica, primary, (promoted - at) / 1_000_000, (System.nanoTime() - at) / 1_000_000);
    }
  };

  private final String label;

  ClusterFault(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  /** Loses one primary (chosen with {@code random}) and waits until the cluster is whole; what happened, for the log. */
  abstract String inject(LocalCluster cluster, Random random) throws InterruptedException;

  private static int pick(List<Integer> ports, Random random) {
    if (ports.isEmpty()) {
      throw new IllegalStateException("the cluster has no healthy primary");
    }
    return ports.get(random.nextInt(ports.size()));
  }
}
