package io.writebehind.cli.demo;

import io.writebehind.engine.CacheRead;
import io.writebehind.flights.Flight;
import io.writebehind.flights.FlightLogRow;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The eight steps of the document's Hands-on Demo, each figure measured as it happens. */
final class DemoSteps {
  private final DemoRun r;
  private final Console c;
  private final Style s;
  private final long id;
  private final Commands commands;
  private final Measured m = new Measured();

  private Flight original;
  private Flight delayed;
  private boolean delayWritten;
  private boolean delayInDatabase;
  private int logRowsBefore;

  DemoSteps(DemoRun run) {
    this.r = run;
    this.c = run.console;
    this.s = run.style;
    this.id = run.settings.flightId();
    this.commands = new Commands(run.engine.options(), id);
  }

  void run() throws Exception {
    logRowsBefore = r.repository.countLog(id);
    if (!proceed(1, "Initial Read - Cache-Aside Pattern")) {
      return;
    }
    stepInitialRead();
    if (!proceed(2, "Second Read - Cache Hit")) {
      return;
    }
    stepSecondRead();
    if (!proceed(3, "Update Flight Times - Write-Behind Pattern (Fast!)")) {
      return;
    }
    stepUpdate();
    if (!proceed(4, "Consistency Check - Before Queue Processing")) {
      return;
    }
    stepConsistencyBefore();
    if (!proceed(5, "Process Queue - Background Worker")) {
      return;
    }
    stepProcessQueue();
    if (!proceed(6, "Consistency Check - After Queue Processing")) {
      return;
    }
    stepConsistencyAfter();
    if (!proceed(7, "Read Updated Flight Data")) {
      return;
    }
    stepReadUpdated();
    if (!proceed(8, "Restore Original Times")) {
      return;
    }
    stepRestore();
    new DemoSummary(r, m).print();
  }

  /** Asks before a step in interactive mode; a "no" ends the demo, saying what it left. */
  private boolean proceed(int step, String title) {
    if (c.confirm("Continue to step " + step + " (" + title + ")?", true)) {
      c.step(step, title);
      return true;
    }
    c.println();
    if (!delayWritten) {
      c.println("Stopped before step " + step + "; nothing was changed.");
      return false;
    }
    c.println(s.warnMark() + " " + s.yellow("The database was modified: flight " + id + " stays delayed by 2 hours")
        + " (departure " + FlightView.iso(delayed.departure()) + ", arrival " + FlightView.iso(delayed.arrival()) + ").");
    if (!delayInDatabase) {
      c.indented("The delay is in the cache and queued; the database gets it as soon as a worker runs.");
    }
    c.indented("To restore the original times run:  writebehind demo --restore -f " + id);
    c.indented("(the next demo run of flight " + id + " restores them first as well)");
    return false;
  }

  private void stepInitialRead() {
    c.println("Reading flight " + id + " for the first time: cache first, database on a miss, then fill the cache.");
    long[] dbNanos = {0};
    long t0 = System.nanoTime();
    CacheRead<Flight> read = r.engine.read(id, loader(dbNanos));
    m.firstReadMs = Millis.since(t0);
    original = read.value().orElseThrow();
    if (read.hit()) {
      c.println(s.ok() + " Cache Status: " + s.green("CACHE_HIT") + "   Latency: " + s.bold(Millis.format(m.firstReadMs)));
      c.indented(s.warnMark() + " Flight " + id + " was already cached (by an earlier run within the TTL, or another reader),");
      c.indented("  so this read did not reach the database. Run with --flush to see the cache miss.");
    } else {
      m.missMs = m.firstReadMs;
      c.println(s.bad() + " Cache Status: " + s.red("CACHE_MISS") + "   Latency: " + s.bold(Millis.format(m.firstReadMs))
          + " (cache lookup + database query + cache fill)");
      if (r.settings.verbose()) {
        c.verbose("valkey:", commands.read() + "   -> (nil)");
        c.verbose("sql:   ", r.repository.sql().readFlight() + "   [" + Millis.format(Millis.of(dbNanos[0])) + "]");
        c.verbose("valkey:", commands.fill());
        c.verbose("cache part:", Millis.format(m.firstReadMs - Millis.of(dbNanos[0])));
      }
    }
    c.println();
    c.println(s.bold("Initial Flight Data:"));
    c.table(FlightView.card(original, null, s));
  }

  private Function<Long, Flight> loader(long[] dbNanos) {
    return key -> {
      long t = System.nanoTime();
      try {
        return r.repository.find(key).orElse(null);
      } catch (SQLException e) {
        throw new IllegalStateException("reading flight " + key + " failed: " + e.getMessage(), e);
      } finally {
        dbNanos[0] = System.nanoTime() - t;
      }
    };
  }

  private void stepSecondRead() {
    long t0 = System.nanoTime();
    CacheRead<Flight> read = r.engine.read(id, loader(new long[1]));
    m.hitMs = Millis.since(t0);
    c.println((read.hit() ? s.ok() + " Cache Status: " + s.green("CACHE_HIT") : s.bad() + " Cache Status: " + s.red("CACHE_MISS"))
        + "   Latency: " + s.bold(Millis.format(m.hitMs)));
    if (r.settings.verbose()) {
      c.verbose("valkey:", commands.read() + "   -> d <json>, s c");
    }
    if (m.missMs > 0) {
      c.println((m.hitMs <= m.missMs ? s.ok() : s.bad()) + " Speedup: " + s.bold(Millis.faster(m.missMs, m.hitMs))
          + " than database query");
    } else {
      c.indented("(No database read to compare with: step 1 was a cache hit too.)");
    }
  }

  private void stepUpdate() {
    delayed = original.withTimes(original.departure().plusHours(2), original.arrival().plusHours(2));
    c.println("Simulating a flight delay: +2 hours to departure and arrival (\"" + Leftover.DELAY_COMMENT + "\").");
    c.println();
    c.table(FlightView.oldNew(original, delayed));
    long t0 = System.nanoTime();
    long version = r.engine.put(id, delayed, Leftover.delayMeta());
    m.writeBehindMs = Millis.since(t0);
    delayWritten = true;
    long queued = r.engine.status().journalLength();
    c.println();
    c.println(s.ok() + " Write-behind update completed in " + s.bold(Millis.format(m.writeBehindMs)));
    c.bullet("Cache updated immediately, and the database update queued, in one atomic step");
    c.bullet("Queue Status: " + queued + " pending update(s)");
    c.bullet("Version of this write: " + version + " (the database applies a write only if its version is newer)");
    if (r.settings.verbose()) {
      c.verbose("valkey:", commands.write() + "   [" + Millis.format(m.writeBehindMs) + "]");
    }
  }

  private void stepConsistencyBefore() throws SQLException {
    Flight db = r.repository.find(id).orElseThrow();
    Flight cached = r.engine.getIfPresent(id).orElse(null);
    boolean depSame = cached != null && db.departure().equals(cached.departure());
    boolean arrSame = cached != null && db.arrival().equals(cached.arrival());
    if (depSame && arrSame) {
      delayInDatabase = true;
      c.println(s.ok() + " Data is already CONSISTENT: a worker running elsewhere processed the update before this check.");
    } else {
      c.println(s.warnMark() + " " + s.yellow("Data INCONSISTENCY detected (expected in write-behind)"));
      c.indented("This is normal - eventual consistency: the cache has the new times, the database update is still queued.");
    }
    c.println();
    c.table(new TextTable("Field", "Database (Old)", "Cache (New)", "Match")
        .row("departure", FlightView.iso(db.departure()), cached == null ? "-" : FlightView.iso(cached.departure()), FlightView.match(depSame, s))
        .row("arrival", FlightView.iso(db.arrival()), cached == null ? "-" : FlightView.iso(cached.arrival()), FlightView.match(arrSame, s)));
    if (r.settings.verbose()) {
      c.verbose("sql:   ", r.repository.sql().readFlight());
      c.verbose("valkey:", commands.read());
    }
  }

  private void stepProcessQueue() {
    if (r.settings.externalWorker()) {
      c.println("No worker runs in this process (--external-worker): a 'writebehind worker' elsewhere drains the queue.");
    } else {
      c.println("Until now no worker ran; starting one drains the queue into the database.");
    }
    c.println("Queue Status: " + r.engine.status().journalLength() + " pending update(s)");
    r.sink.drainBatches();
    r.drain.ensureWorker(c);
    QueueDrain.Result res = r.drain.drain(c, "Processing queue");
    delayInDatabase = true;
    m.drainMs = res.millis();
    if (res.initial() == 0) {
      c.println(s.ok() + " The queue was already empty: a worker elsewhere processed it.");
    } else {
      c.println(s.ok() + " Processed: " + res.processed() + " update(s) in " + Millis.format(res.millis()));
    }
    String failed = res.retries() + " retried batch(es), " + res.deadLetters() + " dead letter(s)";
    c.println((res.retries() + res.deadLetters() == 0 ? s.ok() : s.bad()) + " Failed: " + failed);
    if (r.settings.verbose()) {
      verboseWorker();
    }
  }

  private void verboseWorker() {
    List<TimingSink.Batch> batches = r.sink.drainBatches();
    String worker = r.drain.worker() == null ? "<worker>" : r.drain.worker().id();
    c.println();
    c.println(s.bold("Valkey commands of the worker:"));
    c.verbose("1.", commands.readGroup(worker));
    c.verbose("2.", commands.ack() + "   (after the database commit)");
    List<String> sql = r.session.sink().statements();
    c.println(s.bold("SQL the worker ran, one transaction (" + (sql.size() + 1) + " statements):"));
    for (int i = 0; i < sql.size(); i++) {
      c.verbose((i + 1) + ".", sql.get(i));
    }
    c.verbose((sql.size() + 1) + ".", "COMMIT");
    if (batches.isEmpty()) {
      c.indented(s.dim("(the transaction ran in another process: its timings are that worker's)"));
    }
    for (TimingSink.Batch b : batches) {
      c.indented(s.dim("transaction of " + b.records() + " record(s), " + b.applied() + " applied: " + Millis.format(Millis.of(b.nanos()))));
    }
  }

  private void stepConsistencyAfter() throws SQLException {
    Flight db = r.repository.find(id).orElseThrow();
    Flight cached = r.engine.getIfPresent(id).orElse(null);
    TextTable t = new TextTable("Field", "Database", "Cache", "Match");
    boolean all = cached != null;
    all &= row(t, "flight_id", Long.toString(db.flightId()), cached == null ? "-" : Long.toString(cached.flightId()));
    all &= row(t, "flightno", db.flightno(), cached == null ? "-" : cached.flightno());
    all &= row(t, "departure", FlightView.iso(db.departure()), cached == null ? "-" : FlightView.iso(cached.departure()));
    all &= row(t, "arrival", FlightView.iso(db.arrival()), cached == null ? "-" : FlightView.iso(cached.arrival()));
    c.println(all ? s.ok() + " " + s.green("Data is now CONSISTENT between database and cache") + " - eventual consistency achieved!"
        : s.bad() + " " + s.red("Data is still INCONSISTENT") + " (another writer changed the flight meanwhile?)");
    c.println();
    c.table(t);
    List<FlightLogRow> log = r.repository.log(id);
    List<FlightLogRow> added = log.subList(Math.min(log.size(), logRowsBefore), log.size());
    c.println();
    c.println(s.bold("flight_log rows added by this run (" + added.size() + "):"));
    TextTable lt = new TextTable("log_date", "user", "departure", "arrival", "comment");
    for (FlightLogRow row : added) {
      lt.row(FlightView.SPACED.format(row.logDate()), row.user(),
          FlightView.change(row.departureOld(), row.departureNew(), s),
          FlightView.change(row.arrivalOld(), row.arrivalNew(), s),
          String.valueOf(row.comment()));
    }
    c.table(lt);
  }

  private boolean row(TextTable t, String field, String db, String cache) {
    boolean same = db.equals(cache);
    t.row(field, db, cache, FlightView.match(same, s));
    return same;
  }

  private void stepReadUpdated() {
    long t0 = System.nanoTime();
    CacheRead<Flight> read = r.engine.read(id, loader(new long[1]));
    m.hitAfterMs = Millis.since(t0);
    c.println((read.hit() ? s.ok() + " Cache Status: " + s.green("CACHE_HIT") : s.bad() + " Cache Status: " + s.red("CACHE_MISS"))
        + "   Latency: " + s.bold(Millis.format(m.hitAfterMs)));
    c.println();
    c.println(s.bold("Updated Flight Data (from " + (read.hit() ? "cache" : "database") + "):"));
    c.table(FlightView.card(read.value().orElseThrow(), original, s));
  }

  private void stepRestore() throws SQLException {
    c.println("Restoring the original times through the same write-behind path, then flushing the queue.");
    // Read before the write: the running worker may flush it before the next line runs.
    long flushedBefore = r.drain.worker() == null ? -1 : r.drain.worker().stats().flushedEntries();
    long t0 = System.nanoTime();
    r.engine.put(id, original, Leftover.restoreMeta());
    m.restoreWriteMs = Millis.since(t0);
    c.println(s.ok() + " Write-behind restore completed in " + s.bold(Millis.format(m.restoreWriteMs)));
    long f0 = System.nanoTime();
    if (r.settings.externalWorker()) {
      c.indented("Waiting for the external worker (" + r.settings.workerCommand() + ")...");
    }
    try {
      r.engine.flush(r.settings.drainTimeout());
    } catch (io.writebehind.engine.FlushTimeoutException e) {
      throw new io.writebehind.cli.CliException(io.writebehind.cli.CliException.FAILED,
          "the restore was not processed within " + r.settings.drainTimeout().toSeconds() + " s; run 'writebehind worker' to finish it");
    }
    double flushMs = Millis.since(f0);
    long n = flushedBefore < 0 ? 1 : flushedSince(flushedBefore);
    delayWritten = false;
    c.println(s.ok() + " Queue flushed: " + n + " update(s) processed in " + Millis.format(flushMs));
    Optional<Flight> db = r.repository.find(id);
    Flight cached = r.engine.read(id, loader(new long[1])).value().orElseThrow();
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

  /** The figures the summary compares. */
  static final class Measured {
    double firstReadMs;
    double missMs;
    double hitMs;
    double hitAfterMs;
    double writeBehindMs;
    double restoreWriteMs;
    double drainMs;
  }
}
