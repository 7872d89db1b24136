package io.writebehind.cli;

import io.writebehind.WriteBehind;
import io.writebehind.flights.Flight;
import io.writebehind.flights.FlightChange;
import io.writebehind.flights.FlightRepository;
import io.writebehind.flights.FlightsCounts;
import io.writebehind.flights.FlightsGenerator;
import io.writebehind.flights.FlightsLoader;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Writes flight updates through the engine as fast as it can, from several threads. */
@Command(name = "load", mixinStandardHelpOptions = true,
    description = "Write N updates of random flights (ids 1..K) through the engine from W threads.")
public final class LoadCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Option(names = "--updates", defaultValue = "10000", description = "Updates to write (default ${DEFAULT-VALUE})")
  long updates;

  @Option(names = "--writers", defaultValue = "8", description = "Writer threads (default ${DEFAULT-VALUE})")
  int writers;

  @Option(names = "--keys", defaultValue = "1000", description = "Flights to update: ids 1..K (default ${DEFAULT-VALUE})")
  int keys;

  @Option(names = "--ack-log", paramLabel = "FILE",
      description = "Write flight_id,version,departure,arrival for every acknowledged write (views: flight_id,delta,total)")
  Path ackLog;

  @Option(names = "--workload", paramLabel = Workload.CHOICES, defaultValue = "overwrite",
      description = "overwrite: new times of flights; views: +1 to views of flights, counted exactly once in flight_stats (default ${DEFAULT-VALUE})")
  String workload;

  @Override
  public Integer call() throws Exception {
    if (Workload.of(workload) == Workload.VIEWS) {
      return new ViewsLoad(connection, updates, writers, keys, ackLog).run();
    }
    if (updates < 1) {
      throw CliException.badInput("--updates must be at least 1, was " + updates);
    }
    if (writers < 1 || writers > 1024) {
      throw CliException.badInput("--writers must be between 1 and 1024, was " + writers);
    }
    if (keys < 1) {
      throw CliException.badInput("--keys must be at least 1, was " + keys);
    }
    try (Session s = Session.open(connection); AckLog log = ackLog == null ? null : new AckLog(ackLog)) {
      ensureFlights(s);
      WriteBehind<Long, Flight> engine = s.engine();
      FlightRepository repository = s.repository();
      Map<Long, Flight> base = new ConcurrentHashMap<>();
      Recorder latency = new Recorder(3);
      AtomicLong next = new AtomicLong();
      AtomicLong done = new AtomicLong();
      ProgressBar bar = new ProgressBar(System.err, "load", updates);
      String meta = FlightChange.of("load", "load test").toMeta();
      long t0 = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(writers, r -> new Thread(r, "wb-load"));
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        futures.add(pool.submit(() -> {
          ThreadLocalRandom random = ThreadLocalRandom.current();
          while (next.getAndIncrement() < updates) {
            long id = 1 + random.nextInt(keys);
            Flight original = base.computeIfAbsent(id, k -> find(repository, k));
            long shift = random.nextLong(-600, 600);
            Flight changed = original.withTimes(original.departure().plusMinutes(shift), original.arrival().plusMinutes(shift));
            long start = System.nanoTime();
            long version = engine.put(id, changed, meta);
            latency.recordValue((System.nanoTime() - start) / 1000);
            if (log != null) {
              log.acknowledged(id, version, changed.departure(), changed.arrival());
            }
            bar.update(done.incrementAndGet());
          }
          return null;
        }));
      }
      pool.shutdown();
      try {
        for (Future<?> f : futures) {
          f.get();
        }
      } catch (ExecutionException e) {
        pool.shutdownNow();
        throw e.getCause() instanceof Exception ex ? ex : e;
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      bar.finish(done.get());
      var h = latency.getIntervalHistogram();
      System.out.printf(Locale.ROOT, "%,d updates of %,d flights from %d writers in %.2f s: %,.0f writes/s; put latency p50 %d us, p99 %d us, p99.9 %d us%n",
          done.get(), keys, writers, seconds, done.get() / seconds,
          h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9));
      return 0;
    }
  }

  private static Flight find(FlightRepository repository, long id) {
    try {
      return repository.find(id).orElseThrow(() -> new CliException(CliException.BAD_INPUT, "flight " + id + " does not exist"));
    } catch (SQLException e) {
      throw new CliException(CliException.FAILED, "reading flight " + id + " failed: " + e.getMessage(), e);
    }
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
