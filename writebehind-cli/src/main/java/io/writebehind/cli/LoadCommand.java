package io.writebehind.cli;

import io.writebehind.DurabilityException;
import io.writebehind.WriteBehind;
import io.writebehind.flights.Flight;
import io.writebehind.flights.FlightChange;
import io.writebehind.flights.FlightsCounts;
import io.writebehind.flights.FlightsGenerator;
import io.writebehind.flights.FlightsLoader;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Writes flight updates through the engine as fast as it can, from several threads. The
 * flights are read through the cache before the clock starts, so the writes need Valkey
 * only: a database outage during the load does not stop it, and a write that fails is
 * counted, not fatal. The demo's flight stays out of the key range, so the walkthrough
 * keeps the document's times.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
    description = "Write N updates of random flights (ids 1..K, except the demo's flight "
        + FlightsGenerator.DEMO_FLIGHT_ID + ") through the engine from W threads.")
public final class LoadCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Option(names = "--updates", defaultValue = "10000", description = "Updates to write (default ${DEFAULT-VALUE})")
  long updates;

  @Option(names = "--writers", defaultValue = "8", description = "Writer threads (default ${DEFAULT-VALUE})")
  int writers;

  @Option(names = "--keys", defaultValue = "1000", description = "Flights to update: ids 1..K (default ${DEFAULT-VALUE})")
  int keys;

  @Option(names = "--ack-log", paramLabel = "FILE",
      description = "Write flight_id,version,departure,arrival for every acknowledged write (views: flight_id,delta,total; "
          + "events: event_id,flight_id)")
  Path ackLog;

  @Option(names = "--give-up-after", paramLabel = "SECONDS", defaultValue = "30", hidden = true,
      description = "Stop when writes fail and none was acknowledged for this long (default ${DEFAULT-VALUE})")
  long giveUpSeconds;

  @Option(names = "--workload", paramLabel = Workload.CHOICES, defaultValue = "overwrite",
      description = "overwrite: new times of flights; views: +1 to views of flights, counted exactly once in flight_stats; "
          + "events: position reports of flights, each stored once in flight_event (default ${DEFAULT-VALUE})")
  String workload;

  @Option(names = "--durability", paramLabel = "LEVEL", defaultValue = "memory",
      description = "What each write waits for: memory, aof (WAITAOF: the primary's AOF on disk), replicas=N (WAIT N) or "
          + "replicas=N+aof, within --durability-timeout; a write that misses it is stored but counted as not confirmed "
          + "durable (exit 1), and --ack-log logs only the writes acknowledged at that level (default ${DEFAULT-VALUE})")
  String durability;

  @Option(names = "--durability-timeout", paramLabel = "MS", defaultValue = "1000",
      description = "How long a write waits for its durability, in milliseconds (default ${DEFAULT-VALUE})")
  long durabilityTimeoutMs;

  @Override
  public Integer call() throws Exception {
    Workload w = Workload.of(workload);
    if (durabilityTimeoutMs < 1) {
      throw CliException.badInput("--durability-timeout must be at least 1 ms, was " + durabilityTimeoutMs);
    }
    connection.durability = OptionChecks.durability("--durability", durability, java.time.Duration.ofMillis(durabilityTimeoutMs));
    connection.check();
    if (connection.durability.waits() && w != Workload.OVERWRITE) {
      throw CliException.badInput("--durability applies to the overwrite workload; views and events write at memory");
    }
    if (w == Workload.VIEWS) {
      return new ViewsLoad(connection, updates, writers, keys, ackLog).run();
    }
    if (w == Workload.EVENTS) {
      return new EventsLoad(connection, updates, writers, keys, ackLog).run();
    }
    AckedLoad.validate(updates, writers, keys);
    if (giveUpSeconds < 1) {
      throw CliException.badInput("--give-up-after must be at least 1 second, was " + giveUpSeconds);
    }
    try (Session s = Session.open(connection); AckLog log = ackLog == null ? null : new AckLog(ackLog)) {
      ensureFlights(s);
      WriteBehind<Long, Flight> engine = s.engine();
      ExecutorService pool = Executors.newFixedThreadPool(writers, r -> new Thread(r, "wb-load"));
      try {
        Map<Long, Flight> base = warmUp(s, pool);
        long[] ids = base.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        return write(engine, base, ids, log, pool);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private Map<Long, Flight> warmUp(Session s, ExecutorService pool) throws InterruptedException {
    long[] ids = FlightKeys.upTo(keys);
    System.err.printf(Locale.ROOT, "reading %,d flights through the cache before the clock starts"
        + " (a miss loads from the database)...%n", ids.length);
    LoadWarmup.Result warm = LoadWarmup.run(s.engine(), s.repository(), ids, pool);
    if (warm.flights().isEmpty()) {
      throw new CliException(CliException.FAILED, "none of the " + ids.length + " flights could be read"
          + (warm.firstError() == null ? "" : ": " + warm.firstError()));
    }
    if (warm.unreadable() + warm.missing() > 0) {
      System.err.printf(Locale.ROOT, "left out %,d flight(s): %,d could not be read, %,d do not exist%s%n",
          warm.unreadable() + warm.missing(), warm.unreadable(), warm.missing(),
          warm.firstError() == null ? "" : "; first error: " + warm.firstError());
    }
    return warm.flights();
  }

  private int write(WriteBehind<Long, Flight> engine, Map<Long, Flight> base, long[] ids, AckLog log, ExecutorService pool)
      throws Exception {
    Recorder latency = new Recorder(3);
    AtomicLong next = new AtomicLong();
    AtomicLong done = new AtomicLong();
    LoadTally tally = new LoadTally(giveUpSeconds * 1_000_000_000L);
    ProgressBar bar = new ProgressBar(System.err, "load", updates);
    String meta = FlightChange.of("load", "load test").toMeta();
    long t0 = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      futures.add(pool.submit(() -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (!tally.gaveUp() && next.getAndIncrement() < updates) {
          long id = ids[random.nextInt(ids.length)];
          Flight original = base.get(id);
          long shift = random.nextLong(-600, 600);
          Flight changed = original.withTimes(original.departure().plusMinutes(shift), original.arrival().plusMinutes(shift));
          long start = System.nanoTime();
          try {
            long version = engine.put(id, changed, meta);
            latency.recordValue((System.nanoTime() - start) / 1000);
            tally.acknowledged();
            if (log != null) {
              log.acknowledged(id, version, changed.departure(), changed.arrival());
            }
          } catch (DurabilityException e) {
            tally.unconfirmed(e);
          } catch (RuntimeException e) {
            tally.failed(e);
          }
          bar.update(done.incrementAndGet());
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    bar.finish(done.get());
    var h = latency.getIntervalHistogram();
    System.out.printf(Locale.ROOT, "%,d updates of %,d flights from %d writers in %.2f s: %,.0f acknowledged writes/s%n",
        done.get(), ids.length, writers, seconds, tally.acknowledgedCount() / seconds);
    if (h.getTotalCount() == 0) {
      System.out.println("put latency: no write acknowledged");
    } else {
      System.out.printf(Locale.ROOT, "put latency p50 %d us, p99 %d us, p99.9 %d us%n",
          h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9));
    }
    for (String line : tally.summary(updates, done.get(), giveUpSeconds)) {
      System.out.println(line);
    }
    return tally.notAcknowledgedCount() == 0 ? 0 : CliException.FAILED;
  }

  /** Loads the sample data when the database has none; refuses when it has too few flights. */
  private void ensureFlights(Session s) throws SQLException {
    FlightsCounts counts = FlightsLoader.counts(s.dataSource(), s.dialect());
    if (counts.flights() == 0) {
      long n = Math.max(keys, FlightsGenerator.DEMO_FLIGHT_ID);
      System.err.printf("loading %,d sample flights (first use)...%n", n);
      FlightsLoader.load(s.dataSource(), s.dialect(), n, FlightsGenerator.DEFAULT_SEED, new InitCommand.TableProgress());
    } else if (counts.flights() < keys) {
      throw CliException.badInput("--keys " + keys + " but the database has " + counts.flights()
          + " flights; use --keys " + counts.flights() + " or run 'writebehind init --reset --flights " + keys + "'");
    }
  }
}
