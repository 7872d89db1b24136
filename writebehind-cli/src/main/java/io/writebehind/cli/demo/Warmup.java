package io.writebehind.cli.demo;

import io.writebehind.engine.WriteBehind;
import io.writebehind.flights.Flight;
import io.writebehind.flights.FlightCodec;
import io.writebehind.flights.FlightRepository;
import io.writebehind.journal.Script;
import io.writebehind.journal.Scripts;
import io.writebehind.journal.ValkeyConnection;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the code paths of the steps once on another flight before measuring, read-only, so
 * the figures show the caching pattern rather than class loading, JIT and first connections
 * of a fresh JVM (the first read of a cold JVM takes hundreds of milliseconds).
 */
final class Warmup {
  private Warmup() {}

  /**
   * The write path, exercised in a scratch namespace of its own that is purged afterwards:
   * no worker serves it, so nothing reaches the database.
   */
  private static void warmWrites(java.time.Duration timeout, ValkeyConnection valkey, Flight flight) {
    String scratch = "writebehind-demo-warmup-" + ProcessHandle.current().pid();
    try (WriteBehind<Long, Flight> e = WriteBehind.builder(new FlightCodec()).connection(valkey)
        .namespace(scratch).partitions(1).commandTimeout(timeout).build()) {
      try {
        for (int i = 0; i < 20; i++) {
          e.put(flight.flightId(), flight, "warmup");
          e.read(flight.flightId(), k -> flight);
        }
      } finally {
        e.purgeNamespace();
      }
    }
  }

  /** Returns the flight id used, or -1 when there was none to use. */
  static long run(WriteBehind<Long, Flight> engine, FlightRepository repository, ValkeyConnection valkey, long exclude)
      throws Exception {
    // The scripts' first EVALSHA would otherwise pay a NOSCRIPT round trip and a compile.
    for (Script s : new Script[] {Scripts.WRITE, Scripts.FILL, Scripts.ACK}) {
      s.preload(valkey).get(10, TimeUnit.SECONDS);
    }
    long other = exclude == repository.minFlightId() ? repository.maxFlightId() : repository.minFlightId();
    Optional<Flight> flight = repository.find(other);
    if (flight.isEmpty() || other == exclude) {
      return -1;
    }
    FlightCodec codec = new FlightCodec();
    for (int i = 0; i < 200; i++) {
      codec.decodeValue(codec.encodeValue(flight.get()));
    }
    for (int i = 0; i < 20; i++) {
      repository.find(other);
      engine.getIfPresent(other);
    }
    engine.status();
    warmWrites(engine.options().commandTimeout(), valkey, flight.get());
    return other;
  }
}
