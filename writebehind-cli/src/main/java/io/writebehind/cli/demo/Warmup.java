package io.writebehind.cli.demo;

import io.writebehind.WriteBehind;
import io.writebehind.flights.Flight;
import io.writebehind.flights.FlightCodec;
import io.writebehind.flights.FlightRepository;
import java.util.Optional;

/**
 * Runs the code paths of the steps once on another flight before measuring, read-only, so
 * the figures show the caching pattern rather than class loading, JIT and first connections
 * of a fresh JVM (the first read of a cold JVM takes hundreds of milliseconds).
 */
final class Warmup {
  private static final int WRITES = 3000;

  private Warmup() {}

  /**
   * The write path, exercised in a scratch namespace of its own that is purged afterwards:
   * no worker serves it, so nothing reaches the database.
   */
  private static void warmWrites(java.time.Duration timeout, String valkeyUrl, Flight flight) {
    String scratch = "writebehind-demo-warmup-" + ProcessHandle.current().pid();
    try (WriteBehind<Long, Flight> e = WriteBehind.builder(new FlightCodec()).valkeyUrl(valkeyUrl)
        .namespace(scratch).partitions(1).commandTimeout(timeout).build()) {
      try {
        // Enough rounds for the JIT to compile the put and read paths, as a running service's
        // are: the steps then show the pattern's steady cost, as the summary's median does.
        long deadline = System.nanoTime() + 2_000_000_000L;
        for (int i = 0; i < WRITES && System.nanoTime() < deadline; i++) {
          e.put(flight.flightId(), flight, i % 2 == 0 ? Leftover.delayMeta() : Leftover.restoreMeta());
          e.read(flight.flightId(), k -> flight);
          e.getIfPresent(flight.flightId());
        }
      } finally {
        e.admin().purgeNamespace();
      }
    }
  }

  /** Returns the flight id used, or -1 when there was none to use. */
  static long run(WriteBehind<Long, Flight> engine, FlightRepository repository, String valkeyUrl, long exclude)
      throws Exception {
    long other = exclude == repository.minFlightId() ? repository.maxFlightId() : repository.minFlightId();
    Optional<Flight> flight = repository.find(other);
    if (flight.isEmpty() || other == exclude) {
      return -1;
    }
    FlightCodec codec = new FlightCodec();
    for (int i = 0; i < 200; i++) {
      codec.decodeValue(codec.encodeValue(flight.get()));
    }
    for (int i = 0; i < 50; i++) {
      repository.find(other);
      engine.getIfPresent(other);
    }
    engine.admin().status();
    warmWrites(engine.options().commandTimeout(), valkeyUrl, flight.get());
    return other;
  }
}
