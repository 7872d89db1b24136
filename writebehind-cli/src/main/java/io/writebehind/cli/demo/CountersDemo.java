package io.writebehind.cli.demo;

import io.writebehind.Codecs;
import io.writebehind.Counters;
import io.writebehind.WriteBehind;
import io.writebehind.cli.CliException;
import io.writebehind.cli.CounterSession;
import io.writebehind.cli.chaos.WorkerFleet;
import io.writebehind.flights.FlightStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * The counters story: writers add views of flights while a worker process drains them; the
 * worker is killed with kill -9 mid-run and another takes over from the database's
 * positions. Then, per flight and in total, the views before plus the acknowledged
 * increments, the cache and the database agree. Beside it, the naive way on the same load
 * (read the total, add one, put it back) and what it loses.
 */
final class CountersDemo {
  /**
   * The demo's own namespace unless --namespace names another, emptied at the end of each run
   * (the views stay in the table): the next run reads every counter from the database, so
   * changes others made there meanwhile (load, chaos) cannot leave its cache behind.
   */
  static final String NAMESPACE = "flight_stats_demo";
  private static final int SHOWN = 5;

  private final CounterSession session;
  private final Counters<Long> counters;
  private final Console console;
  private final Style style;
  private final int writers;
  private final long nanos;
  private final int flights;

  CountersDemo(CounterSession session, Console console, int writers, long nanos, int flights) {
    this.session = session;
    this.counters = session.counters();
    this.console = console;
    this.style = console.style();
    this.writers = writers;
    this.nanos = nanos;
    this.flights = flights;
  }

  int run() throws Exception {
    console.panel(List.of(
        style.bold("Counters: page views per flight, in the database exactly once"),
        writers + " writers add 1 to the views of flights 1.." + flights + "; a worker process",
        "adds the summed deltas to flight_stats. It is killed with kill -9",
        "mid-run and another takes over where the database says it stopped."));
    console.println(style.ok() + " Connected to database and cache");
    console.servers(session.session().describe());
    console.indented("Namespace: " + session.namespace() + " (" + session.partitions() + " partitions), table flight_stats");
    List<Long> ids = LongStream.rangeClosed(1, flights).boxed().collect(Collectors.toList());
    Path logs = Files.createTempDirectory("writebehind-demo-counters-");
    Race race = new Race(flights, Long.MAX_VALUE);
    Map<Long, Long> before;
    try (WorkerFleet worker = new WorkerFleet("demo", 1, List.of("--counters", "--namespace", session.namespace(),
        "--partitions", Integer.toString(session.partitions()), "--lease-ttl-ms", "1000", "--linger-ms", "10"),
        Map.of("VALKEY_URL", session.session().valkeyUrl(), "DATABASE_URL", session.session().databaseUrl()), logs)) {
      console.println(style.dim("  Starting a worker process (writebehind worker --counters)..."));
      worker.startAll();
      awaitWorker(worker, logs);
      console.println(style.ok() + " Worker process " + worker.pids().get(0) + " is draining");
      // What earlier runs left in the journal goes to the database first: "before" is then the database's.
      counters.flush(Duration.ofSeconds(120));
      before = FlightStats.views(session.session().dataSource(), ids);
      console.println();
      console.println(style.bold(String.format(Locale.ROOT, "%d writers increment views for %.1f s", writers, nanos / 1e9)));
      race.start(writers, id -> counters.increment(id, FlightStats.VIEWS, 1));
      Thread.sleep(nanos / 2_000_000);
      long killed = worker.killRandomReady(new Random());
      console.println(style.warnMark() + String.format(Locale.ROOT, " kill -9 of worker %d after %.1f s, %,d increments in;",
          killed, nanos / 2e9, race.total()));
      console.println("  another worker process starts and takes over its partitions");
      Thread.sleep(nanos / 2_000_000);
      race.stop();
      console.println(style.ok() + String.format(Locale.ROOT, " %,d increments acknowledged in %.1f s (%,.0f/s)%s", race.total(),
          race.seconds(), race.total() / race.seconds(), race.failed() == 0 ? "" : ", " + race.failed() + " failed"));
      awaitWorker(worker, logs);
      long t0 = System.nanoTime();
      counters.flush(Duration.ofSeconds(120));
      console.println(style.ok() + String.format(Locale.ROOT, " Drained by worker %d %.0f ms after the writers stopped",
          worker.pids().get(0), Millis.since(t0)));
    }
    boolean agree = compare(ids, before, race);
    // Every delta is in the database (flushed) and the worker is gone: nothing is lost.
    counters.admin().purgeNamespace();
    console.println();
    naive(race.total());
    return agree ? 0 : CliException.FAILED;
  }

  private void awaitWorker(WorkerFleet worker, Path logs) throws InterruptedException {
    if (!worker.awaitReady(Duration.ofSeconds(120))) {
      throw new CliException(CliException.FAILED, "the worker process did not start within 120 s; see " + logs);
    }
  }

  /** The table of the busiest flights and the total; true when all three columns agree everywhere. */
  private boolean compare(List<Long> ids, Map<Long, Long> before, Race race) throws Exception {
    Map<Long, Long> database = FlightStats.views(session.session().dataSource(), ids);
    long sumBefore = 0;
    long sumAcked = 0;
    long sumCache = 0;
    long sumDb = 0;
    List<String> differ = new ArrayList<>();
    List<long[]> rows = new ArrayList<>();
    for (long id : ids) {
      long b = before.get(id);
      long acked = race.acknowledged((int) id);
      long cache = counters.get(id).get(FlightStats.VIEWS);
      long db = database.get(id);
      rows.add(new long[] {id, b, acked, cache, db});
      sumBefore += b;
      sumAcked += acked;
      sumCache += cache;
      sumDb += db;
      if (b + acked != cache || cache != db) {
        differ.add(Long.toString(id));
      }
    }
    rows.sort(Comparator.comparingLong((long[] r) -> -r[2]).thenComparingLong(r -> r[0]));
    TextTable t = new TextTable("Flight", "Before", "+ Acknowledged", "= Cache", "= Database");
    for (long[] r : rows.subList(0, Math.min(SHOWN, rows.size()))) {
      t.row(Long.toString(r[0]), n(r[1]), n(r[2]), n(r[3]), n(r[4]));
    }
    t.row(style.bold("All " + ids.size()), n(sumBefore), n(sumAcked), n(sumCache), n(sumDb));
    console.println();
    console.println(style.bold("Views per flight (the " + Math.min(SHOWN, rows.size()) + " most viewed, then all)"));
    console.table(t);
    if (differ.isEmpty()) {
      console.println(style.ok() + " Before + acknowledged = cache = database for every flight:");
      console.println("  no increment lost, none counted twice, though a worker was killed mid-run");
      return true;
    }
    console.println(style.bad() + " The totals differ for flight(s) " + String.join(", ", differ.subList(0, Math.min(10, differ.size())))
        + (race.failed() > 0 ? " (" + race.failed() + " increments failed, in doubt)" : ""));
    return false;
  }

  /** The same writers on the same flights, each increment a read of the total and a put of it plus one. */
  private void naive(long increments) throws InterruptedException {
    console.println(style.bold("The naive way: read the total, add one, put it back"));
    console.println(String.format(Locale.ROOT, "  The same %d writers make the same %,d increments of flights 1..%d with",
        writers, increments, flights));
    console.println("  get + put of the whole value, through the same cache (another namespace)");
    String namespace = session.namespace() + "-naive";
    try (WriteBehind<Long, String> naive = WriteBehind.builder(Codecs.longKeysTextValues())
        .valkeyUrl(session.session().valkeyUrl()).namespace(namespace).partitions(session.partitions()).build()) {
      naive.admin().purgeNamespace();
      Race race = new Race(flights, increments);
      race.start(writers, id -> {
        long total = naive.getIfPresent(id).map(Long::parseLong).orElse(0L);
        naive.put(id, Long.toString(total + 1));
      });
      race.await();
      long counted = 0;
      for (long id = 1; id <= flights; id++) {
        counted += naive.getIfPresent(id).map(Long::parseLong).orElse(0L);
      }
      long lost = race.total() - counted;
      console.println((lost > 0 ? style.bad() : style.ok()) + String.format(Locale.ROOT,
          " %,d increments acknowledged, totals add up to %,d: %,d lost (%.1f%%)", race.total(), counted, lost,
          race.total() == 0 ? 0.0 : 100.0 * lost / race.total()));
      console.println("  Two writers read the same total, both add one, and the second put");
      console.println("  overwrites the first: a write-behind cache would then write these");
      console.println("  totals to the database, over whatever else changed them there.");
      naive.admin().purgeNamespace();
    }
  }

  private static String n(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }
}
