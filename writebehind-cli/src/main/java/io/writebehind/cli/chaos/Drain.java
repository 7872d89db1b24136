package io.writebehind.cli.chaos;

import io.writebehind.FlushTimeoutException;
import java.time.Duration;
import java.util.function.Consumer;

/** After the writers stop: the workers get to apply everything acknowledged before the check. */
final class Drain {
  private Drain() {}

  /**
   * Waits until the workers drained everything acknowledged ({@code flush} is the engine's
   * or the counters'), restarting workers that exit; returns what went wrong, or null.
   */
  static String await(Consumer<Duration> flush, WorkerFleet fleet, Duration timeout, EventLog log)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = null;
    while (System.nanoTime() < deadline) {
      fleet.superviseExits();
      try {
        flush.accept(Duration.ofSeconds(5));
        log.event("drained");
        return null;
      } catch (FlushTimeoutException e) {
        last = EventLog.firstLine(e.getMessage());
      } catch (RuntimeException e) {
        last = e.getClass().getSimpleName() + ": " + EventLog.firstLine(e.getMessage());
        Thread.sleep(500);
      }
    }
    log.event("not drained within " + EventLog.human(timeout) + ": " + last);
    return last;
  }
}
