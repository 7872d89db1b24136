package io.writebehind.cli.demo;

import io.writebehind.cli.CliException;
import io.writebehind.cli.ProgressBar;
import io.writebehind.admin.QueueStatus;
import io.writebehind.WriteBehind;
import io.writebehind.flights.Flight;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.time.Duration;

/**
 * Gets the queue processed: by a worker this process starts (the default), or by a
 * {@code writebehind worker} the user runs elsewhere. Progress is the real journal draining,
 * polled from Valkey, not a timer.
 */
final class QueueDrain {
  /** What a drain did: entries the journal lost, and the failures met on the way. */
  record Result(long initial, long processed, long retries, long deadLetters, double millis) {}

  private final WriteBehind<Long, Flight> engine;
  private final boolean external;
  private final Duration timeout;
  private final String workerCommand;
  private Worker worker;

  QueueDrain(WriteBehind<Long, Flight> engine, boolean external, Duration timeout, String workerCommand) {
    this.engine = engine;
    this.external = external;
    this.timeout = timeout;
    this.workerCommand = workerCommand;
  }

  /** The worker this process runs, or null (external mode, or not started yet). */
  Worker worker() {
    return worker;
  }

  /** Starts the in-process worker unless one runs already or the user runs their own. */
  void ensureWorker(Console console) {
    if (external) {
      return;
    }
    if (worker == null) {
      worker = engine.startWorker(WorkerOptions.builder()
          .workerId("demo-" + ProcessHandle.current().pid())
          .linger(Duration.ofMillis(10))
          .build());
      console.indented("Started a background worker in this process (" + worker.id() + ")");
    }
  }

  /** Waits with a progress bar until the journal is empty. */
  Result drain(Console console, String label) {
    QueueStatus before = engine.admin().status();
    long initial = before.unflushed();
    long workerFlushedBefore = worker == null ? 0 : worker.stats().flushedEntries();
    long retriesBefore = worker == null ? 0 : worker.stats().retries();
    if (initial == 0) {
      return new Result(0, 0, 0, 0, 0);
    }
    if (external) {
      console.indented("Waiting for a worker (up to " + timeout.toSeconds() + " s). In another terminal run:");
      console.indented("  " + console.style().bold(workerCommand));
    }
    ProgressBar bar = new ProgressBar(console.out(), "  " + label, Math.max(1, initial));
    long t0 = System.nanoTime();
    long deadline = t0 + timeout.toNanos();
    long remaining = initial;
    while (remaining > 0) {
      if (System.nanoTime() > deadline) {
        bar.finish(initial - remaining);
        throw new CliException(CliException.FAILED, external
            ? "no worker processed the queue within " + timeout.toSeconds() + " s (" + remaining
                + " update(s) still queued); start one with: " + workerCommand + "  and run the demo again"
            : "the queue did not drain within " + timeout.toSeconds() + " s (" + remaining
                + " update(s) still queued); see 'writebehind status'");
      }
      sleep(10);
      remaining = engine.admin().status().unflushed();
      if (remaining > 0) {
        bar.update(Math.max(0, initial - remaining));
      }
    }
    double ms = Millis.since(t0);
    bar.finish(Math.max(1, initial));
    QueueStatus after = engine.admin().status();
    long processed = worker == null ? initial : worker.stats().flushedEntries() - workerFlushedBefore;
    long retries = worker == null ? 0 : worker.stats().retries() - retriesBefore;
    return new Result(initial, processed, retries, after.deadLetters() - before.deadLetters(), ms);
  }

  /** Stops the in-process worker, letting its batch in hand finish. */
  void stopWorker() {
    if (worker != null) {
      worker.close();
      worker = null;
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(CliException.FAILED, "interrupted while waiting for the queue");
    }
  }
}
