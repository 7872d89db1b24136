package io.writebehind.cli.chaos;

import io.writebehind.FlushTimeoutException;
import io.writebehind.WriteBehind;
import io.writebehind.flights.Flight;
import java.time.Duration;

/** After the writers stop: the workers get to apply everything acknowledged before the check. */
final class Drain {
  private Drain() {}

  /**
   * Waits until the workers drained everything acknowledged, restarting workers that exit;
   * returns what went wrong, or null.
   */
  static String await(WriteBehind<Long, Flight> engine, WorkerFleet fleet, Duration timeout, EventLog log)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = null;
    while (System.nanoTime() < deadline) {
      fleet.superviseExits();
      try {
        engine.flush(Duration.ofSeconds(5));
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
