package io.writebehind.bench.cluster;

import io.writebehind.bench.Figures;
import io.writebehind.bench.SystemNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cluster drain's results: per count of worker processes, the drain rate, whether per-key
 * order held and the leases spread evenly, and the CPU each component spent per 100,000
 * writes. A figure not measured stays null.
 */
public final class ClusterDrainFigures extends Figures {
  /**
   * One drain by {@code processes} worker processes.
   *
   * @param leases partitions held per worker process once the drain was done (worker id -> count)
   * @param leasesEven whether then every partition was held and no process held more than one above another
   * @param evenAfterSeconds from the start of the drain until the leases were first spread evenly, or null if never
   * @param flushed writes each process flushed (its heartbeat's count); together more than the
   *     writes when a partition moved while its old owner had a batch in flight: its new
   *     owner applies that batch again from the committed position (the version guard keeps
   *     the newer row)
   * @param keysBehind keys whose row does not hold their last version at the end
   * @param updates row updates the database saw (the writes the regression check looked at; the others were inserts)
   * @param regressions updates seen in the database that replaced a row with an older version of it
   * @param cpuPer100k CPU seconds per 100,000 writes by component ({@link #COMPONENTS}), null where unread
   * @param backends PostgreSQL backends of the worker processes whose CPU was read
   */
  public record Run(int processes, double seconds, double writesPerSec, Map<String, Integer> leases, boolean leasesEven,
      Double evenAfterSeconds, Map<String, Long> flushed, long keysBehind, long updates, long regressions,
      Map<String, Double> cpuPer100k, int backends) {

    /** Writes applied a second time after their partition moved (see {@code flushed}). */
    public long reapplied(int writes) {
      return Math.max(0, flushed.values().stream().mapToLong(Long::longValue).sum() - writes);
    }
  }

  public static final String VALKEY = "valkey";
  public static final String POSTGRES_BACKENDS = "postgresBackends";
  public static final String POSTGRES_SERVER = "postgresServer";
  public static final String WORKERS = "workers";
  public static final List<String> COMPONENTS = List.of(VALKEY, POSTGRES_BACKENDS, POSTGRES_SERVER, WORKERS);

  public int writes;
  public int keys;
  public int partitions;
  public int valkeyPrimaries;
  public int valkeyNodes;
  public final List<Run> runs = new ArrayList<>();

  public ClusterDrainFigures() {
    super(SystemNames.CLUSTER_DRAIN);
  }
}
