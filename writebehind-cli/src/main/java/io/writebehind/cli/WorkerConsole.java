package io.writebehind.cli;

import io.writebehind.worker.WorkerListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the worker console says of dead letters and failures. The worker's threads only
 * count here; the console takes the counts once a second ({@link #lines}), so a storm of
 * failures prints at most a few lines a second: the count since the last look, the last
 * reason on a line of its own, and where to look next.
 */
final class WorkerConsole implements WorkerListener {
  static final int WIDTH = 80;

  /** Counts since the last look and the last reason; swapped whole, so a look never splits them. */
  private record Tally(long count, String key, String reason) {
    static final Tally NONE = new Tally(0, null, null);
  }

  private final AtomicReference<Tally> dead = new AtomicReference<>(Tally.NONE);
  private final AtomicReference<Tally> failures = new AtomicReference<>(Tally.NONE);
  private Boolean databaseUnavailable;

  @Override
  public void deadLettered(String key, int entries, String reason) {
    dead.updateAndGet(t -> new Tally(t.count() + entries, key, reason));
  }

  @Override
  public void retrying(String error) {
    failures.updateAndGet(t -> new Tally(t.count() + 1, null, error));
  }

  /**
   * The lines to print for what happened since the last call, and for a change of the
   * circuit breaker's state; empty when there is nothing new.
   */
  List<String> lines(boolean databaseUnavailableNow) {
    List<String> out = new ArrayList<>();
    Tally d = dead.getAndSet(Tally.NONE);
    if (d.count() > 0) {
      out.add(clip("dead letters: " + d.count() + (d.count() == 1 ? " write" : " writes")
          + " refused for good, the last of key " + clip(d.key(), 24)));
      out.add(clip("  reason: " + d.reason()));
      out.add("  next: writebehind dlq list; fix the cause, then writebehind dlq replay --all");
    }
    Tally f = failures.getAndSet(Tally.NONE);
    if (f.count() > 0) {
      out.add(clip("retrying: " + f.count() + (f.count() == 1 ? " failure" : " failures")
          + " since the last line, each retried with backoff"));
      out.add(clip("  reason: " + f.reason()));
      out.add("  next: writebehind status (the last error, the lag, the circuit)");
    }
    if (databaseUnavailable != null && databaseUnavailable != databaseUnavailableNow) {
      out.add(databaseUnavailableNow
          ? "database unavailable: batches paused, one probe per backoff; writes still taken"
          : "database available again: draining");
    }
    databaseUnavailable = databaseUnavailableNow;
    return out;
  }

  static String clip(String s) {
    return clip(s, WIDTH - 1);
  }

  static String clip(String s, int max) {
    String one = String.valueOf(s).replaceAll("\\s*[\\r\\n]+\\s*", " ");
    return one.length() <= max ? one : one.substring(0, max - 1) + "\u2026";
  }
}
