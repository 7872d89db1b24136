package io.writebehind.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.writebehind.Durability;
import io.writebehind.WriteBehind;
import io.writebehind.DurabilityException;
import io.writebehind.admin.PartitionStatus;
import io.writebehind.internal.journal.KeyLayout;
import io.writebehind.testkit.ChildJvm;
import io.writebehind.cli.local.LocalCluster;
import io.writebehind.testkit.TestServers;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: the engine on a Valkey Cluster of three primaries with a replica each, when a
 * primary fails. Writes acknowledged at WAIT 1 survive a kill -9 of their primary (its one
 * replica had them), a manual failover loses nothing, and workers in two processes share
 * the partitions and take over those of one that dies. Each test has a cluster of its own.
 */
class ClusterFailoverIT {
  private static final int PARTITIONS = 16;
  private static final Durability WAIT_ONE = Durability.replicas(1, Duration.ofSeconds(1));
  /**
   * The kill -9 test's level: WAIT 1 unless -Dwb.failover.durability names another (memory,
   * aof) to measure what it loses; the test then fails when it loses anything.
   */
  private static final Durability KILL_LEVEL =
      Durability.parse(System.getProperty("wb.failover.durability", "replicas=1"), Duration.ofSeconds(1));
  private static final boolean LATE_WORKER = Boolean.getBoolean("wb.failover.lateWorker");

  @TempDir
  Path dir;

  @BeforeEach
  void needsCluster() {
    assumeTrue(LocalCluster.available(), "valkey-server and valkey-cli are needed for a cluster");
  }

  private static Fixture fixture(LocalCluster cluster, int partitions, Durability durability) throws Exception {
    return new Fixture(cluster.url(), TestServers.postgresJdbcUrl(), partitions,
        b -> b.durability(durability).commandTimeout(Duration.ofSeconds(2)));
  }

  /**
   * WAIT counts the writes of the connection it is sent on: it must go to the connection that
   * carried the write to its primary, not to the cluster's default one (where it returns at
   * once with every replica counted). A frozen replica makes the write miss WAIT 1.
   */
  @Test
  void waitGoesToThePrimaryThatTookTheWrite() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(dir, 3, 1, 0, false);
         Fixture f = fixture(cluster, PARTITIONS, Durability.replicas(1, Duration.ofMillis(300)))) {
      KeyLayout layout = new KeyLayout(f.namespace, PARTITIONS);
      long key = 7;
      int primary = cluster.primaryOf(layout.journalKey(layout.partitionOf(Fixture.CODEC.encodeKey(key))));
      f.engine.put(key, "before");
      long other = java.util.stream.LongStream.range(0, 1000).filter(k -> cluster.primaryOf(
          layout.journalKey(layout.partitionOf(Fixture.CODEC.encodeKey(k)))) != primary).findFirst().orElseThrow();
      int replica = cluster.replicaOf(primary);
      cluster.freeze(replica, true);
      try {
        assertThatThrownBy(() -> f.engine.put(key, "unreplicated")).isInstanceOf(DurabilityException.class)
            .hasMessageContaining("0 of 1 replicas");
        f.engine.put(other, "replicated elsewhere");
      } finally {
        cluster.freeze(replica, false);
      }
    }
  }

  @Test
  void killNineOfAPrimaryUnderLoadLosesNoWriteAcknowledgedAtWaitOne() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(dir, 3, 1, 0, false);
         Fixture f = fixture(cluster, PARTITIONS, KILL_LEVEL);
         // -Dwb.failover.lateWorker=true: no worker until the failover is over, so nothing acknowledged
         // is in the database before the kill: what Valkey alone kept.
         Worker w = LATE_WORKER ? null : f.engine.startWorker(WorkerOptions.builder().leaseTtl(Duration.ofSeconds(2)).build());
         // A client of its own, connected before the kill: it must find the promoted replica by itself.
         WriteBehind<Long, String> probe = WriteBehind.builder(Fixture.CODEC).valkeyUrl(f.valkeyUrl).namespace(f.namespace)
             .partitions(PARTITIONS).sink(f.sink).commandTimeout(Duration.ofSeconds(1)).build()) {
      KeyLayout layout = new KeyLayout(f.namespace, PARTITIONS);
      int victim = cluster.primaryOf(layout.journalKey(0));
      int heir = cluster.replicaOf(victim);
      LongPredicate affected = FailoverLoad.onPrimary(f, PARTITIONS, cluster, victim);
      long killedAt;
      // Every write to a key of its own: a write lost in the failover is not hidden by a newer one of its key.
      try (FailoverLoad load = new FailoverLoad(f, 4, Integer.MAX_VALUE)) {
        Thread.sleep(2_000);
        killedAt = System.nanoTime();
        cluster.kill(victim);
        // The promoted replica has no replica of its own, so WAIT 1 fails there until the
        // killed node comes back: as its replica, the way an operator replaces a lost node.
        long deadline = System.currentTimeMillis() + 30_000;
        while (!LocalCluster.cli(heir, "role").startsWith("master")) {
          assertThat(System.currentTimeMillis()).as("replica %d promoted", heir).isLessThan(deadline);
          Thread.sleep(20);
        }
        long promotedAt = System.nanoTime();
        long promotedMillis = (promotedAt - killedAt) / 1_000_000;
        long movedMillis = firstWriteToNewPrimary(probe, affected, promotedAt);
        cluster.restart(victim);
        cluster.awaitHealthy(30_000);
        long rejoinedMillis = (System.nanoTime() - killedAt) / 1_000_000;
        Thread.sleep(3_000);
        load.stop();
        long resumed = load.firstAckAfter(promotedAt, affected);
        assertThat(resumed).as("writes to the failed primary's slots resumed").isPositive();
        long recoveryMillis = (resumed - killedAt) / 1_000_000;
        try (Worker late = LATE_WORKER ? f.engine.startWorker(WorkerOptions.builder().build()) : null) {
          f.engine.flush(Duration.ofSeconds(60));
        }
        long lost = load.lost(f);
        System.out.printf("kill -9 at %s: acknowledged=%d failed=%d lost=%d; replica promoted after %d ms, a write stored"
            + " on it %d ms later; killed node back as its replica after %d ms, first write acknowledged after %d ms;"
            + " first failures %s%n", f.engine.options().durability(), load.acknowledged.get(), load.failed.get(), lost,
            promotedMillis, movedMillis, rejoinedMillis, recoveryMillis, load.failures);
        load.assertNothingLost(f);
        assertThat(recoveryMillis - rejoinedMillis).as("writes move to the promoted replica within seconds").isLessThan(5_000);
      }
    }
  }

  /**
   * Milliseconds from the promotion until a write (at memory durability: the new primary has
   * no replica yet) to a key of the failed primary's slots is stored: the client must find the
   * promoted replica by itself, the dead node's address stays dead.
   */
  private static long firstWriteToNewPrimary(WriteBehind<Long, String> probe, LongPredicate affected, long promotedAt)
      throws Exception {
    long key = java.util.stream.LongStream.range(1_000_000, 1_001_000).filter(affected).findFirst().orElseThrow();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        probe.put(key, "probe");
        return (System.nanoTime() - promotedAt) / 1_000_000;
      } catch (RuntimeException e) {
        assertThat(System.nanoTime()).as("a write reached the promoted replica within 10 s: %s", e.getMessage())
            .isLessThan(deadline);
        Thread.sleep(50);
      }
    }
  }

  @Test
  void aManualFailoverLosesNothing() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(dir, 3, 1, 0, false);
         Fixture f = fixture(cluster, PARTITIONS, WAIT_ONE);
         Worker w = f.engine.startWorker(WorkerOptions.builder().leaseTtl(Duration.ofSeconds(2)).build())) {
      KeyLayout layout = new KeyLayout(f.namespace, PARTITIONS);
      int primary = cluster.primaryOf(layout.journalKey(0));
      int replica = cluster.replicaOf(primary);
      LongPredicate affected = FailoverLoad.onPrimary(f, PARTITIONS, cluster, primary);
      try (FailoverLoad load = new FailoverLoad(f, 2, 300)) {
        Thread.sleep(1_000);
        long at = System.nanoTime();
        cluster.failover(replica, 10_000);
        Thread.sleep(3_000);
        load.stop();
        long resumed = load.firstAckAfter(at, affected);
        assertThat(resumed).isPositive();
        f.engine.flush(Duration.ofSeconds(60));
        long kept = load.assertNothingLost(f);
        System.out.printf("manual failover at WAIT 1: acknowledged=%d failed=%d lost=0 resumed after %d ms, kept unacknowledged=%d;"
            + " first failures %s%n", load.acknowledged.get(), load.failed.get(), (resumed - at) / 1_000_000, kept, load.failures);
      }
    }
  }

  @Test
  void workersInTwoProcessesShareThePartitionsAndMoveWhenOneDies() throws Exception {
    int partitions = 64;
    try (LocalCluster cluster = LocalCluster.start(dir, 3, 1, 0, false);
         Fixture f = fixture(cluster, partitions, Durability.MEMORY)) {
      AckedWrites acked = new AckedWrites();
      write(f, acked, 0, 2_000);
      try (ChildJvm a = worker(f, partitions, "a"); ChildJvm b = worker(f, partitions, "b")) {
        WorkerKillIT.awaitLine(a, "READY", Duration.ofSeconds(60));
        WorkerKillIT.awaitLine(b, "READY", Duration.ofSeconds(60));
        Map<String, Long> shares = awaitOwners(f, 2, Duration.ofSeconds(30));
        System.out.println("leases of two worker processes over 64 partitions: " + shares.values());
        assertThat(shares.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(16));
        f.engine.flush(Duration.ofSeconds(60));
        a.kill9();
        write(f, acked, 2_000, 4_000);
        f.engine.flush(Duration.ofSeconds(60));
        Map<String, Long> after = awaitOwners(f, 1, Duration.ofSeconds(30));
        assertThat(after.values()).containsExactly((long) partitions);
        assertThat(b.isAlive()).isTrue();
      }
      acked.assertAllIn(f);
    }
  }

  private static void write(Fixture f, AckedWrites acked, int from, int to) {
    for (int i = from; i < to; i++) {
      long key = i % 500;
      String value = "v" + i;
      acked.acknowledged(key, f.engine.put(key, value), value);
    }
  }

  private ChildJvm worker(Fixture f, int partitions, String name) {
    return ChildJvm.start(CrashableWorkerMain.class,
        List.of(f.valkeyUrl, f.jdbcUrl, f.namespace, f.table, Integer.toString(partitions), "none"), Map.of(),
        dir.resolve("worker-" + name + ".log"));
  }

  /** Waits until exactly {@code owners} workers hold every partition between them; their shares. */
  private static Map<String, Long> awaitOwners(Fixture f, int owners, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, Long> shares = Map.of();
    while (System.nanoTime() < deadline) {
      List<PartitionStatus> parts = f.engine.admin().status().partitions();
      shares = parts.stream().filter(p -> p.leaseOwner() != null)
          .collect(Collectors.groupingBy(PartitionStatus::leaseOwner, Collectors.counting()));
      Set<String> held = new TreeSet<>(shares.keySet());
      long total = shares.values().stream().mapToLong(Long::longValue).sum();
      if (held.size() == owners && total == parts.size() && shares.values().stream().allMatch(n -> n >= parts.size() / owners / 2)) {
        return shares;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the partitions were not shared by " + owners + " workers within " + timeout + ": " + shares);
  }
}
