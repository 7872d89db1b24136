package io.writebehind.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One system's results. A figure that does not apply to the system (or was not measured,
 * or failed) stays null, so the JSON says so instead of printing a made-up zero.
 */
public class Figures {
  public final String name;
  public Double writeP50Us;
  public Double writeP99Us;
  public Double writeP999Us;
  public Double writeOpsPerSec1;
  public Double writeOpsPerSec8;
  public Double writeOpsPerSec64;
  public Double drainRowsPerSec;
  public Double drainFlightsPerSec;
  public Double windowP50Ms;
  public Double windowP99Ms;
  public Double readHitP50Us;
  public Double readMissP50Us;
  public Long lostOnWorkerKill;
  /** Counting systems: acknowledged deltas the database lacks, and deltas it holds beyond those sent, after kill -9. */
  public Long counterLostOnWorkerKill;
  public Long counterDoubleAppliedOnWorkerKill;

  /** For the charts only (not in the JSON). */
  public transient Histogram writeLatencyNanos;
  public final transient Map<Integer, Double> throughputByWriters = new LinkedHashMap<>();
  /** (seconds since the load started, window in ms) per acknowledged write. */
  public final transient List<double[]> windowOverTime = new ArrayList<>();
  /** Why a figure is missing or what it means here; printed under the table. */
  public final transient List<String> notes = new ArrayList<>();

  public Figures(String name) {
    this.name = name;
  }

  /** The figures in the JSON's order and names (the counters' own are in the report's "counters" object). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("writeP50Us", writeP50Us);
    m.put("writeP99Us", writeP99Us);
    m.put("writeP999Us", writeP999Us);
    m.put("writeOpsPerSec1", writeOpsPerSec1);
    m.put("writeOpsPerSec8", writeOpsPerSec8);
    m.put("writeOpsPerSec64", writeOpsPerSec64);
    m.put("drainRowsPerSec", drainRowsPerSec);
    m.put("drainFlightsPerSec", drainFlightsPerSec);
    m.put("windowP50Ms", windowP50Ms);
    m.put("windowP99Ms", windowP99Ms);
    m.put("readHitP50Us", readHitP50Us);
    m.put("readMissP50Us", readMissP50Us);
    m.put("lostOnWorkerKill", lostOnWorkerKill);
    return m;
  }
}
