package io.writebehind.cli.demo;

import io.writebehind.flights.Flight;
import io.writebehind.flights.FlightLogRow;
import java.sql.SQLException;
import java.util.List;

/**
 * Steps 3, 4 and 6: the delay written behind, then the database against the cache before
 * and after the queue is processed (eventual consistency, shown field by field).
 */
final class UpdateSteps extends StepGroup {
  UpdateSteps(DemoRun run, DemoState state) {
    super(run, state);
  }

  void delay() {
    Flight original = st.original;
    st.delayed = original.withTimes(original.departure().plusHours(2), original.arrival().plusHours(2));
    c.println("Simulating a flight delay: +2 hours to departure and arrival (\"" + Leftover.DELAY_COMMENT + "\").");
    c.println();
    c.table(FlightView.oldNew(original, st.delayed));
    String meta = Leftover.delayMeta(); // built before the clock starts: it is not the write
    long t0 = System.nanoTime();
    long version = r.engine.put(id, st.delayed, meta);
    m.writeBehindMs = Millis.since(t0);
    st.delayWritten = true;
    long queued = r.engine.admin().status().unflushed();
    c.println();
    c.println(s.ok() + " Write-behind update completed in " + s.bold(Millis.format(m.writeBehindMs)));
    c.bullet("Cache updated immediately, and the database update queued, in one atomic step");
    c.bullet("Queue Status: " + queued + " pending update(s)");
    c.bullet("Version of this write: " + version + " (the database applies a write only if its version is newer)");
    if (r.settings.verbose()) {
      c.verbose("valkey:", commands.write(r.engine, st.delayed) + "   [" + Millis.format(m.writeBehindMs) + "]");
    }
  }

  void consistencyBefore() throws SQLException {
    Flight db = r.repository.find(id).orElseThrow();
    Flight cached = r.engine.getIfPresent(id).orElse(null);
    boolean depSame = cached != null && db.departure().equals(cached.departure());
    boolean arrSame = cached != null && db.arrival().equals(cached.arrival());
    if (depSame && arrSame) {
      st.delayInDatabase = true;
      c.println(s.ok() + " Data is already CONSISTENT: a worker running elsewhere processed the update before this check.");
    } else {
      c.println(s.warnMark() + " " + s.yellow("Data INCONSISTENCY detected (expected in write-behind)"));
      c.indented("This is normal - eventual consistency: the cache has the new times, the database update is still queued.");
    }
    c.println();
    c.table(new TextTable("Field", "Database (Old)", "Cache (New)", "Match")
        .row("departure", FlightView.iso(db.departure()), cached == null ? "-" : FlightView.iso(cached.departure()), FlightView.match(depSame, s))
        .row("arrival", FlightView.iso(db.arrival()), cached == null ? "-" : FlightView.iso(cached.arrival()), FlightView.match(arrSame, s)));
    verboseCompare();
  }

  void consistencyAfter() throws SQLException {
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
    List<FlightLogRow> added = log.subList(Math.min(log.size(), st.logRowsBefore), log.size());
    c.println();
    c.println(s.bold("flight_log rows added by this run (" + added.size() + "):"));
    // One small table a row, its columns down the side: the five side by side are too wide for 80 columns.
    for (FlightLogRow row : added) {
      c.table(new TextTable("Column", "Value")
          .row("log_date", FlightView.SPACED.format(row.logDate()))
          .row("user", String.valueOf(row.user()))
          .row("departure", FlightView.change(row.departureOld(), row.departureNew(), s))
          .row("arrival", FlightView.change(row.arrivalOld(), row.arrivalNew(), s))
          .row("comment", String.valueOf(row.comment())));
    }
    if (r.settings.verbose()) {
      verboseCompare();
      c.verbose("sql:   ", r.repository.sql().selectLog());
    }
  }

  /** The two reads a consistency check compares: the database row and the cached value. */
  private void verboseCompare() {
    if (r.settings.verbose()) {
      c.verbose("sql:   ", r.repository.sql().readFlight());
      c.verbose("valkey:", commands.read());
    }
  }

  private boolean row(TextTable t, String field, String db, String cache) {
    boolean same = db.equals(cache);
    t.row(field, db, cache, FlightView.match(same, s));
    return same;
  }
}
