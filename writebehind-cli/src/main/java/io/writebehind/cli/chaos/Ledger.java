package io.writebehind.cli.chaos;

import io.writebehind.WriteBehind;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * What the writers were told and what the database showed, per key: the highest
 * acknowledged write (what the database must end with), the writes whose outcome is unknown
 * (a put that failed may still have been applied), and the acknowledged writes not yet seen
 * committed, for the inconsistency window (acknowledged → committed).
 *
 * <p>A write counts as committed when the sampler first sees a database version at least as
 * high as its own (coalescing commits older writes of a key together with the newest). Its
 * version is its server write time in ms ({@code version / 1e6}), so its window is
 * "first seen at" minus that, overstated by at most one sampling period.
 */
final class Ledger {
  record Ack(long version, LocalDateTime departure, LocalDateTime arrival) {}

  private static final class KeyState {
    Ack newest;
    final PriorityQueue<Long> unconfirmed = new PriorityQueue<>();
    final List<String> inDoubt = new ArrayList<>();
    long seenVersion = -1;
    long seenAtMillis;
  }

  private final Map<Long, KeyState> keys = new ConcurrentHashMap<>();
  private final Histogram windows = new Histogram(3_600_000L, 3);
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong inDoubt = new AtomicLong();
  private final List<String> regressions = new ArrayList<>();
  private long regressionCount;

  private KeyState state(long key) {
    return keys.computeIfAbsent(key, k -> new KeyState());
  }

  void acknowledged(long key, long version, LocalDateTime departure, LocalDateTime arrival) {
    acknowledged.incrementAndGet();
    KeyState s = state(key);
    synchronized (s) {
      if (s.newest == null || version > s.newest.version()) {
        s.newest = new Ack(version, departure, arrival);
      }
      if (s.seenVersion >= version) {
        // The worker was quicker than this thread: committed when first seen.
        recordWindow(s.seenAtMillis - WriteBehind.versionMillis(version));
      } else {
        s.unconfirmed.add(version);
      }
    }
  }

  /** A put that failed: it may or may not have reached Valkey (and then the database). */
  void inDoubt(long key, LocalDateTime departure, LocalDateTime arrival) {
    inDoubt.incrementAndGet();
    KeyState s = state(key);
    synchronized (s) {
      s.inDoubt.add(departure + "|" + arrival);
    }
  }

  /** One sampled database version; a version below one sampled before is a regression. */
  void sampled(long key, long version, long atMillis) {
    KeyState s = state(key);
    synchronized (s) {
      if (version < s.seenVersion) {
        synchronized (regressions) {
          regressionCount++;
          if (regressions.size() < 20) {
            regressions.add("flight " + key + ": database version went from " + s.seenVersion + " to " + version);
          }
        }
        return;
      }
      if (version > s.seenVersion) {
        s.seenVersion = version;
        s.seenAtMillis = atMillis;
      }
      while (!s.unconfirmed.isEmpty() && s.unconfirmed.peek() <= version) {
        recordWindow(atMillis - WriteBehind.versionMillis(s.unconfirmed.poll()));
      }
    }
  }

  private void recordWindow(long millis) {
    synchronized (windows) {
      windows.recordValue(Math.max(0, Math.min(millis, windows.getHighestTrackableValue())));
    }
  }

  long acknowledged() {
    return acknowledged.get();
  }

  long inDoubtCount() {
    return inDoubt.get();
  }

  long windowP99Millis() {
    synchronized (windows) {
      return windows.getTotalCount() == 0 ? 0 : windows.getValueAtPercentile(99);
    }
  }

  long windowMaxMillis() {
    synchronized (windows) {
      return windows.getMaxValue();
    }
  }

  long regressions() {
    synchronized (regressions) {
      return regressionCount;
    }
  }

  List<String> regressionDetails() {
    synchronized (regressions) {
      return List.copyOf(regressions);
    }
  }

  Map<Long, Ack> newest() {
    Map<Long, Ack> out = new java.util.TreeMap<>();
    keys.forEach((k, s) -> {
      synchronized (s) {
        if (s.newest != null) {
          out.put(k, s.newest);
        }
      }
    });
    return out;
  }

  boolean wasInDoubt(long key, LocalDateTime departure, LocalDateTime arrival) {
    KeyState s = keys.get(key);
    if (s == null) {
      return false;
    }
    synchronized (s) {
      return s.inDoubt.contains(departure + "|" + arrival);
    }
  }
}
