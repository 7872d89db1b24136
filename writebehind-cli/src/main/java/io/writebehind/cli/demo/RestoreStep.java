package io.writebehind.cli.demo;

import io.writebehind.cli.CliException;
import io.writebehind.FlushTimeoutException;
import io.writebehind.flights.Flight;
import java.sql.SQLException;
import java.util.Optional;

/** Step 8: the original times written back through the same path, and the queue flushed. */
final class RestoreStep extends StepGroup {
  RestoreStep(DemoRun run, DemoState state) {
    super(run, state);
  }

  void run() throws SQLException {
    c.println("Restoring the original times through the same write-behind path, then flushing the queue.");
    // Read before the write: the running worker may flush it before the next line runs.
    long flushedBefore = r.drain.worker() == null ? -1 : r.drain.worker().stats().flushedEntries();
    String meta = Leftover.restoreMeta();
    long t0 = System.nanoTime();
    r.engine.put(id, st.original, meta);
    m.restoreWriteMs = Millis.since(t0);
    c.println(s.ok() + " Write-behind restore completed in " + s.bold(Millis.format(m.restoreWriteMs)));
    if (r.settings.verbose()) {
      c.verbose("valkey:", commands.write(r.engine, st.original) + "   [" + Millis.format(m.restoreWriteMs) + "]");
    }
    long f0 = System.nanoTime();
    if (r.settings.externalWorker()) {
      c.indented("Waiting for the external worker (" + r.settings.workerCommand() + ")...");
    }
    try {
      r.engine.flush(r.settings.drainTimeout());
    } catch (FlushTimeoutException e) {
      throw new CliException(CliException.FAILED,
          "the restore was not processed within " + r.settings.drainTimeout().toSeconds() + " s; run 'writebehind worker' to finish it");
    }
    double flushMs = Millis.since(f0);
    long n = flushedBefore < 0 ? 1 : flushedSince(flushedBefore);
    st.delayWritten = false;
    c.println(s.ok() + " Queue flushed: " + n + " update(s) processed in " + Millis.format(flushMs));
    if (r.settings.verbose()) {
      c.verbose("flush: ", "polls each partition's journal until the worker has acknowledged the restore (reads Valkey only)");
      for (TimingSink.Batch b : r.sink.drainBatches()) {
        c.verbose("sql:   ", "the worker's transaction of " + b.records() + " record(s), " + b.applied() + " applied: "
            + Millis.format(Millis.of(b.nanos())) + " (statements as in step 5)");
      }
    }
    Optional<Flight> db = r.repository.find(id);
    Flight cached = r.engine.read(id, loader(new long[1])).value().orElseThrow();
    Flight original = st.original;
    boolean restored = db.isPresent() && db.get().departure().equals(original.departure()) && db.get().arrival().equals(original.arrival());
    c.println((restored ? s.ok() + " Database and cache hold the original times again" : s.bad() + " The database does not have the original times"));
    c.println();
    c.println(s.bold("Restored Flight Data:"));
    c.table(FlightView.card(cached, null, s));
  }

  /**
   * What the in-process worker flushed since {@code before}. The worker counts a batch just
   * after acknowledging it, and the flush returns on the acknowledgement: give the count a moment.
   */
  private long flushedSince(long before) {
    long deadline = System.nanoTime() + 1_000_000_000L;
    long n = r.drain.worker().stats().flushedEntries() - before;
    while (n < 1 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      n = r.drain.worker().stats().flushedEntries() - before;
    }
    return n;
  }
}
