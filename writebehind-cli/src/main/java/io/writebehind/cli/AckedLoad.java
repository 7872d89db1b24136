package io.writebehind.cli;

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
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The loop of {@code load --workload views|events}: N writes to random flights 1..K from W
 * threads, each acknowledged one handed on (to the ack log) only after it returned. The first
 * failed write stops the load: the log then holds every acknowledged one, and the message
 * says whether the failed one may have been stored.
 */
final class AckedLoad {
  /** One write to a flight; returns what the log records of it (a total, an event id); throws when it fails. */
  interface Write {
    long apply(long flightId);
  }

  /** What follows an acknowledged write (its log line). */
  interface Acknowledged {
    void accept(long flightId, long result);
  }

  /** How the load went: writes acknowledged, in how long, their latencies in microseconds. */
  record Result(long acknowledged, double seconds, Histogram latency) {
    double rate() {
      return acknowledged / seconds;
    }
  }

  private AckedLoad() {}

  static void validate(long updates, int writers, int keys) {
    if (updates < 1) {
      throw CliException.badInput("--updates must be at least 1, was " + updates);
    }
    if (writers < 1 || writers > 1024) {
      throw CliException.badInput("--writers must be between 1 and 1024, was " + writers);
    }
    if (keys < 1) {
      throw CliException.badInput("--keys must be at least 1, was " + keys);
    }
  }

  /**
   * Runs the writes. {@code what} names one ("increment"), {@code storedNothing} says which
   * failures surely stored nothing, and {@code ifStored} what a stored one would be ("counted").
   */
  static Result run(long updates, int writers, int keys, String what, Write write, Acknowledged acknowledged,
      java.util.function.Predicate<RuntimeException> storedNothing, String ifStored) throws Exception {
    Recorder latency = new Recorder(3);
    AtomicLong next = new AtomicLong();
    AtomicLong done = new AtomicLong();
    AtomicBoolean stopped = new AtomicBoolean();
    ProgressBar bar = new ProgressBar(System.err, "load", updates);
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(writers, r -> new Thread(r, "wb-load-" + what));
    List<Future<?>> futures = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      futures.add(pool.submit(() -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (!stopped.get() && next.getAndIncrement() < updates) {
          long id = 1 + random.nextInt(keys);
          long start = System.nanoTime();
          long result;
          try {
            result = write.apply(id);
          } catch (RuntimeException e) {
            stopped.set(true);
            String outcome = storedNothing.test(e) ? "it was not " + ifStored : "it may or may not have been " + ifStored;
            throw new CliException(CliException.FAILED, String.format(Locale.ROOT,
                "an %s of flight %d failed after %,d acknowledged (%s): %s", what, id, done.get(), outcome,
                ServerUrls.scrub(Session.firstLine(e.getMessage()))), e);
          }
          latency.recordValue((System.nanoTime() - start) / 1000);
          acknowledged.accept(id, result);
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
        // The others stop at their next write; the log is closed only after their last line.
        failure = failure != null ? failure : e.getCause() instanceof Exception ex ? ex : e;
      }
    }
    if (failure != null) {
      throw failure;
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    bar.finish(done.get());
    return new Result(done.get(), seconds, latency.getIntervalHistogram());
  }
}
