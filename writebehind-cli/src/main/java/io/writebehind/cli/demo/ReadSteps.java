package io.writebehind.cli.demo;

import io.writebehind.CacheRead;
import io.writebehind.flights.Flight;

/** Steps 1, 2 and 7: reads through the cache, the first a miss (unless cached already), then hits. */
final class ReadSteps extends StepGroup {
  ReadSteps(DemoRun run, DemoState state) {
    super(run, state);
  }

  void initial() {
    c.println("Reading flight " + id + " for the first time: cache first, database on a miss, then fill the cache.");
    long[] dbNanos = {0};
    long t0 = System.nanoTime();
    CacheRead<Flight> read = r.engine.read(id, loader(dbNanos));
    m.firstReadMs = Millis.since(t0);
    st.original = read.value().orElseThrow();
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
    c.table(FlightView.card(st.original, null, s));
  }

  void second() {
    long t0 = System.nanoTime();
    CacheRead<Flight> read = r.engine.read(id, loader(new long[1]));
    m.hitMs = Millis.since(t0);
    printStatus(read, m.hitMs);
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

  void updated() {
    long t0 = System.nanoTime();
    CacheRead<Flight> read = r.engine.read(id, loader(new long[1]));
    m.hitAfterMs = Millis.since(t0);
    printStatus(read, m.hitAfterMs);
    if (r.settings.verbose()) {
      c.verbose("valkey:", commands.read() + (read.hit() ? "   -> d <json>, s c" : "   -> (nil)"));
      if (!read.hit()) {
        c.verbose("sql:   ", r.repository.sql().readFlight());
        c.verbose("valkey:", commands.fill());
      }
    }
    c.println();
    c.println(s.bold("Updated Flight Data (from " + (read.hit() ? "cache" : "database") + "):"));
    c.table(FlightView.card(read.value().orElseThrow(), st.original, s));
  }

  private void printStatus(CacheRead<Flight> read, double latencyMs) {
    c.println((read.hit() ? s.ok() + " Cache Status: " + s.green("CACHE_HIT") : s.bad() + " Cache Status: " + s.red("CACHE_MISS"))
        + "   Latency: " + s.bold(Millis.format(latencyMs)));
  }
}
