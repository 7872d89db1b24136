package io.writebehind.bench.measure;

import io.writebehind.ValkeyConnection;
import io.writebehind.bench.ValkeyInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * CPU time spent by each component, read before and after a drain:
 * <ul>
 *   <li>Valkey: {@code used_cpu_sys + used_cpu_user} of INFO cpu, summed over every node
 *       of the cluster (primaries and replicas);
 *   <li>PostgreSQL backends: user + system time of the server processes serving the worker
 *       processes' connections (found by their application_name in pg_stat_activity): the
 *       upserts, their WAL and commits;
 *   <li>PostgreSQL server: every process running the postgres binary, background writers
 *       and checkpointer too, but also other clients' backends on a shared server;
 *   <li>workers: user + system time of the worker processes.
 * </ul>
 * Process times come from ProcessHandle (on Linux, /proc/PID/stat), so the server must run
 * on this machine for the PostgreSQL figures; otherwise they stay null.
 *
 * <p>Where a drain's figure is a ratio of its floor's, these say why: ours reads and
 * acknowledges in Valkey and runs its worker beside the database, on the same cores.
 */
public final class ComponentCpu implements AutoCloseable {
  /** CPU seconds so far per component; a figure that could not be read is null. */
  public record Sample(Double valkey, Map<Long, Double> backends, Map<Long, Double> server, Map<Long, Double> workers) {}

  /** CPU seconds between two samples per component. */
  public record Spent(Double valkey, int valkeyNodes, Double backends, int backendCount, Double server, Double workers) {
    /** Two spans together (a figure missing from either is missing). */
    public Spent plus(Spent o) {
      return new Spent(sum(valkey, o.valkey), Math.max(valkeyNodes, o.valkeyNodes), sum(backends, o.backends),
          Math.max(backendCount, o.backendCount), sum(server, o.server), sum(workers, o.workers));
    }

    /**
     * Per 100,000 rows of {@code rows}, as a note says it: "Valkey 0.81 s, PostgreSQL 0.62 s,
     * the bench's JVM 0.45 s" (what could not be read is left out).
     */
    public String per100k(long rows) {
      List<String> parts = new ArrayList<>();
      add(parts, "Valkey", valkey, rows);
      add(parts, "PostgreSQL", server, rows);
      add(parts, "the bench's JVM", workers, rows);
      return String.join(", ", parts);
    }

    private static void add(List<String> parts, String name, Double seconds, long rows) {
      if (seconds != null && rows > 0) {
        parts.add(String.format(java.util.Locale.ROOT, "%s %.2f s", name, seconds * 100_000 / rows));
      }
    }

    private static Double sum(Double a, Double b) {
      return a == null || b == null ? null : a + b;
    }
  }

  private final List<ValkeyConnection> nodes = new ArrayList<>();
  private final DataSource db;
  private final String applicationName;
  private final List<Long> workerPids;

  /**
   * {@code applicationName}: the worker processes' connections' application_name, or null
   * not to count backends apart; {@code workerPids}: the processes that run the workers.
   */
  public ComponentCpu(List<String> nodeUrls, DataSource db, String applicationName, List<Long> workerPids) {
    try {
      for (String url : nodeUrls) {
        nodes.add(ValkeyConnection.open(url, Duration.ofSeconds(10)));
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    this.db = db;
    this.applicationName = applicationName;
    this.workerPids = List.copyOf(workerPids);
  }

  public Sample sample() throws Exception {
    return new Sample(valkey(), times(backendPids()), times(serverPids()), times(workerPids));
  }

  public Spent between(Sample before, Sample after) {
    Double valkey = before.valkey() == null || after.valkey() == null ? null : after.valkey() - before.valkey();
    return new Spent(valkey, nodes.size(), delta(before.backends(), after.backends()), after.backends().size(),
        delta(before.server(), after.server()), delta(before.workers(), after.workers()));
  }

  /** Summed over the processes there at the end: one that started meanwhile counts from zero. */
  private static Double delta(Map<Long, Double> before, Map<Long, Double> after) {
    if (after.isEmpty()) {
      return null;
    }
    double sum = 0;
    for (Map.Entry<Long, Double> e : after.entrySet()) {
      sum += e.getValue() - before.getOrDefault(e.getKey(), 0.0);
    }
    return sum;
  }

  private Double valkey() throws Exception {
    double sum = 0;
    for (ValkeyConnection n : nodes) {
      String info = n.async().info("cpu").get(10, TimeUnit.SECONDS);
      String sys = ValkeyInfo.field(info, "used_cpu_sys");
      String user = ValkeyInfo.field(info, "used_cpu_user");
      if (sys == null || user == null) {
        return null;
      }
      sum += Double.parseDouble(sys) + Double.parseDouble(user);
    }
    return sum;
  }

  private List<Long> backendPids() throws Exception {
    List<Long> pids = new ArrayList<>();
    if (applicationName == null) {
      return pids;
    }
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT pid FROM pg_stat_activity WHERE application_name = ?")) {
      ps.setString(1, applicationName);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          pids.add(rs.getLong(1));
        }
      }
    }
    return pids;
  }

  private static List<Long> serverPids() {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
        .map(ProcessHandle::pid).toList();
  }

  /** CPU seconds per process that exists and shows its times to us (another host's do not). */
  private static Map<Long, Double> times(List<Long> pids) {
    Map<Long, Double> out = new HashMap<>();
    for (long pid : pids) {
      ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration())
          .ifPresent(d -> out.put(pid, d.toNanos() / 1e9));
    }
    return out;
  }

  @Override
  public void close() {
    nodes.forEach(ValkeyConnection::close);
  }
}
