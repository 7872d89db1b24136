package io.writebehind.cli.demo;

import io.writebehind.Events;
import io.writebehind.cli.CliException;
import io.writebehind.cli.EventSession;
import io.writebehind.cli.chaos.EventCheck;
import io.writebehind.cli.chaos.EventWriters;
import io.writebehind.cli.chaos.WorkerFleet;
import io.writebehind.flights.FlightEvents;
import io.writebehind.flights.FlightReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * The events story: writers stream position reports of airborne flights while a worker
 * process copies them into flight_event; the worker is killed with kill -9 mid-run and
 * another takes over from the database's positions. On the way: the ingest rate and the
 * database catching up; then the latest report of a few flights from the cache (each the
 * database's newest row of its flight), and an exact count: acknowledged = rows.
 */
final class EventsDemo {
  /**
   * The demo's own namespace unless --namespace names another, emptied at the end of each
   * run (the rows stay in the table), as demo counters does.
   */
  static final String NAMESPACE = "flight_event_demo";
  private static final int SHOWN = 5;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private final EventSession session;
  private final Events<Long, FlightReport> events;
  private final DataSource dataSource;
  private final Console console;
  private final Style style;
  private final int writers;
  private final long nanos;
  private final int flights;
  private final double rate;

  EventsDemo(EventSession session, Console console, int writers, long nanos, int flights, double rate) {
    this.session = session;
    this.events = session.events();
    this.dataSource = session.session().dataSource();
    this.console = console;
    this.style = console.style();
    this.writers = writers;
    this.nanos = nanos;
    this.flights = flights;
    this.rate = rate;
  }

  int run() throws Exception {
    console.panel(List.of(
        style.bold("Events: position reports, each in the database exactly once"),
        writers + " writers stream reports of " + flights + " airborne flights; a worker process",
        "copies them into flight_event in batches. It is killed with kill -9",
        "mid-run and another takes over where the database says it stopped."));
    console.println(style.ok() + " Connected to database and cache");
    console.servers(session.session().describe());
    console.indented("Namespace: " + session.namespace() + " (" + session.partitions() + " partitions), table flight_event");
    Path logs = Files.createTempDirectory("writebehind-demo-events-");
    EventWriters writing = new EventWriters(events, flights, null);
    double streamSeconds;
    try (WorkerFleet worker = new WorkerFleet("demo", 1, List.of("--events", "--namespace", session.namespace(),
        "--partitions", Integer.toString(session.partitions()), "--lease-ttl-ms", "1000", "--linger-ms", "10"),
        Map.of("VALKEY_URL", session.session().valkeyUrl(), "DATABASE_URL", session.session().databaseUrl()), logs)) {
      console.println(style.dim("  Starting a worker process (writebehind worker --events)..."));
      worker.startAll();
      awaitWorker(worker, logs);
      console.println(style.ok() + " Worker process " + worker.pids().get(0) + " is copying");
      // What earlier runs left in the journal goes to the database first, outside this run's count.
      events.flush(Duration.ofSeconds(120));
      long rowsBefore = FlightEvents.rows(dataSource);
      console.println();
      console.println(style.bold(String.format(Locale.ROOT, "%d writers append reports for %.1f s", writers, nanos / 1e9)));
      console.println(String.format(Locale.ROOT, "  %7s %12s %10s %18s", "time", "acknowledged", "per s", "in flight_event"));
      long t0 = System.nanoTime();
      writing.start(writers, ThreadLocalRandom.current().nextLong(), rate);
      long last = 0;
      long lastAt = t0;
      long ticks = (nanos + 999_999_999L) / 1_000_000_000L;
      for (long tick = 1; tick <= ticks; tick++) {
        Thread.sleep(Math.max(0, (t0 + Math.min(nanos, tick * 1_000_000_000L) - System.nanoTime()) / 1_000_000));
        long now = System.nanoTime();
        long acked = writing.acknowledged();
        console.println(String.format(Locale.ROOT, "  %6.1fs %,12d %,10.0f %,18d", (now - t0) / 1e9, acked,
            (acked - last) / ((now - lastAt) / 1e9), FlightEvents.rows(dataSource) - rowsBefore));
        last = acked;
        lastAt = now;
        if (tick == Math.max(1, ticks / 2)) {
          long pid = worker.killRandomReady(new Random());
          console.println(style.warnMark() + " kill -9 of worker " + pid + "; another starts and takes over");
        }
      }
      writing.stop();
      streamSeconds = (System.nanoTime() - t0) / 1e9;
      long acked = writing.acknowledged();
      console.println(style.ok() + String.format(Locale.ROOT, " %,d reports acknowledged in %.1f s (%,.0f/s)%s", acked,
          streamSeconds, acked / streamSeconds, writing.errors() == 0 ? "" : ", " + writing.errors() + " failed"));
      awaitWorker(worker, logs);
      long stopped = System.nanoTime();
      events.flush(Duration.ofSeconds(120));
      double total = (System.nanoTime() - t0) / 1e9;
      console.println(style.ok() + String.format(Locale.ROOT, " Database caught up %.0f ms after the writers stopped:",
          Millis.since(stopped)));
      console.println(String.format(Locale.ROOT, "  %,d rows copied in %.1f s (%,.0f rows/s, a kill -9 included)",
          FlightEvents.rows(dataSource) - rowsBefore, total, (FlightEvents.rows(dataSource) - rowsBefore) / total));
    }
    boolean latestOk = latest(writing.acknowledgedIds());
    boolean exact = count(writing);
    // Every event is in the database (flushed) and the worker is gone: nothing is lost.
    events.admin().purgeNamespace();
    return latestOk && exact ? 0 : CliException.FAILED;
  }

  private void awaitWorker(WorkerFleet worker, Path logs) throws InterruptedException {
    if (!worker.awaitReady(Duration.ofSeconds(120))) {
      throw new CliException(CliException.FAILED, "the worker process did not start within 120 s; see " + logs);
    }
  }

  /** The latest report of the busiest flights, from the cache; true when each is its flight's newest row. */
  private boolean latest(Map<Long, Long> acked) throws Exception {
    Map<Long, Long> perFlight = new HashMap<>();
    acked.values().forEach(f -> perFlight.merge(f, 1L, Long::sum));
    List<Map.Entry<Long, Long>> busiest = perFlight.entrySet().stream()
        .sorted(Map.Entry.<Long, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(SHOWN).toList();
    TextTable t = new TextTable("Flight", "Reports", "Latest (UTC)", "Lat", "Lon", "Feet", "Status");
    boolean same = true;
    for (Map.Entry<Long, Long> e : busiest) {
      Optional<FlightReport> cached = events.latest(e.getKey());
      same &= cached.isPresent() && cached.equals(FlightEvents.newest(dataSource, e.getKey()));
      FlightReport r = cached.orElse(null);
      t.row(Long.toString(e.getKey()), n(e.getValue()), r == null ? "-" : TIME.format(r.reportedAt()),
          r == null ? "-" : String.format(Locale.ROOT, "%.3f", r.lat()), r == null ? "-" : String.format(Locale.ROOT, "%.3f", r.lon()),
          r == null ? "-" : n(r.altitudeFt()), r == null ? "-" : r.status());
    }
    console.println();
    console.println(style.bold("Latest report per flight, read from the cache (the " + busiest.size() + " busiest)"));
    console.table(t);
    console.println(same ? style.ok() + " Each is its flight's newest row in flight_event"
        : style.bad() + " A cached latest report differs from its flight's newest row");
    return same;
  }

  /** Acknowledged against the rows that carry their ids: exactly one each. */
  private boolean count(EventWriters writing) throws Exception {
    EventCheck.Outcome o = EventCheck.run(dataSource, writing.acknowledgedIds());
    console.println();
    console.println(style.bold("The exact count"));
    boolean exact = o.lost() == 0 && o.duplicated() == 0;
    console.println((exact ? style.ok() : style.bad()) + String.format(Locale.ROOT,
        " %,d acknowledged, %,d rows with their ids: %,d missing, %,d doubled",
        o.checked(), o.checked() - o.lost() + o.duplicated(), o.lost(), o.duplicated()));
    if (writing.inDoubt() > 0) {
      console.indented(String.format(Locale.ROOT, "%,d appends failed in doubt; %,d of them landed (not counted above)",
          writing.inDoubt(), o.unlogged()));
    }
    if (exact) {
      console.indented("Each acknowledged report is one row with the id append returned,");
      console.indented("though a worker was killed mid-run: the batch and its position commit");
      console.indented("together, so a batch read again after the kill adds nothing.");
    }
    o.details().stream().limit(5).forEach(d -> console.indented(d));
    return exact;
  }

  private static String n(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }
}
