package io.writebehind.cli;

import io.writebehind.Counters;
import io.writebehind.flights.FlightStats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * {@code load --workload views}: N increments of views (+1 each) of random flights 1..K from
 * W threads. With an ack log, each acknowledged increment is a line
 * {@code flight_id,delta,total}, written after it returned; the database's flight_stats.views
 * of a flight must end equal to the sum of that flight's deltas in the log. The first failed
 * increment stops the load: the log then holds every acknowledged one, and the message says
 * whether the failed one may have been counted.
 */
final class ViewsLoad {
  private final ConnectionOptions connection;
  private final long updates;
  private final int writers;
  private final int keys;
  private final Path ackLog;

  ViewsLoad(ConnectionOptions connection, long updates, int writers, int keys, Path ackLog) {
    this.connection = connection;
    this.updates = updates;
    this.writers = writers;
    this.keys = keys;
    this.ackLog = ackLog;
  }

  int run() throws Exception {
    if (updates < 1) {
      throw CliException.badInput("--updates must be at least 1, was " + updates);
    }
    if (writers < 1 || writers > 1024) {
      throw CliException.badInput("--writers must be between 1 and 1024, was " + writers);
    }
    if (keys < 1) {
      throw CliException.badInput("--keys must be at least 1, was " + keys);
    }
    try (CounterSession cs = CounterSession.open(connection); AckLog log = ackLog == null ? null : new AckLog(ackLog)) {
      Counters<Long> counters = cs.counters();
      Recorder latency = new Recorder(3);
      AtomicLong next = new AtomicLong();
      AtomicLong done = new AtomicLong();
      AtomicBoolean stopped = new AtomicBoolean();
      ProgressBar bar = new ProgressBar(System.err, "load", updates);
      long t0 = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(writers, r -> new Thread(r, "wb-load-views"));
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        futures.add(pool.submit(() -> {
          ThreadLocalRandom random = ThreadLocalRandom.current();
          while (!stopped.get() && next.getAndIncrement() < updates) {
            long id = 1 + random.nextInt(keys);
            long start = System.nanoTime();
            long total;
            try {
              total = counters.increment(id, FlightStats.VIEWS, 1);
            } catch (RuntimeException e) {
              stopped.set(true);
              throw failed(id, done.get(), e);
            }
            latency.recordValue((System.nanoTime() - start) / 1000);
            if (log != null) {
              log.incremented(id, 1, total);
            }
            bar.update(done.incrementAndGet());
          }
          return null;
        }));
      }
      pool.shutdown();
      Exception failure = null;
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          // The others stop at their next increment; the log is closed only after their last line.
          failure = failure != null ? failure : e.getCause() instanceof Exception ex ? ex : e;
        }
      }
      if (failure != null) {
        throw failure;
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      bar.finish(done.get());
      var h = latency.getIntervalHistogram();
      System.out.printf(Locale.ROOT, "%,d increments of views of %,d flights from %d writers in %.2f s: %,.0f/s%n",
          done.get(), keys, writers, seconds, done.get() / seconds);
      System.out.printf(Locale.ROOT, "increment latency p50 %d us, p99 %d us, p99.9 %d us; namespace %s%n",
          h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9),
          cs.namespace());
      return 0;
    }
  }

  private static CliException failed(long id, long acknowledged, RuntimeException e) {
    String outcome = CounterSession.storedNothing(e) ? "it was not counted" : "it may or may not have been counted";
    return new CliException(CliException.FAILED, String.format(Locale.ROOT,
        "an increment of flight %d failed after %,d acknowledged (%s): %s", id, acknowledged, outcome,
        ServerUrls.scrub(Session.firstLine(e.getMessage()))), e);
  }
}
