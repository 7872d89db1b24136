package io.writebehind.cli.chaos;

import io.writebehind.WriteBehind;
import io.writebehind.flights.Flight;
import io.writebehind.flights.FlightChange;
import java.io.BufferedWriter;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writer threads updating flight times through the engine at a steady total rate, each
 * acknowledged write going to the ledger (and to the ack log, as {@code load --ack-log}
 * writes it). A failed write is not acknowledged: the ledger keeps it as in doubt, and the
 * writer carries on after a short pause, as an application would.
 */
final class Writers extends PacedWriters {
  private final WriteBehind<Long, Flight> engine;
  private final Map<Long, Flight> base;
  /** The keys of {@code base} in order: what the writers pick from. */
  private final long[] ids;
  private final Ledger ledger;
  private final String meta = FlightChange.of("chaos", "chaos test").toMeta();
  /** Null: random keys; else the next key of a round over the ids shared by the threads. */
  private final AtomicLong round;

  Writers(WriteBehind<Long, Flight> engine, Map<Long, Flight> base, Ledger ledger, BufferedWriter ackLog) {
    this(engine, base, ledger, ackLog, false);
  }

  /**
   * {@code inRounds}: the keys of {@code base} in turn, and again, so a key is written again only K
   * writes later; with K above the writes of a run every acknowledged write is the newest of
   * its key, and the final check sees each one (a write lost in a failover cannot hide
   * behind a newer one of its key).
   */
  Writers(WriteBehind<Long, Flight> engine, Map<Long, Flight> base, Ledger ledger, BufferedWriter ackLog,
      boolean inRounds) {
    super("writer", ackLog);
    this.engine = engine;
    this.base = base;
    this.ids = base.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
    this.ledger = ledger;
    this.round = inRounds ? new AtomicLong() : null;
  }

  @Override
  String step(Random random) {
    long id = ids[round != null ? (int) Math.floorMod(round.getAndIncrement(), (long) ids.length) : random.nextInt(ids.length)];
    Flight original = base.get(id);
    // Seconds within ±30 days: practically every write of a key has its own value.
    long shift = random.nextInt(60 * 60 * 24 * 60) - 60 * 60 * 24 * 30;
    Flight changed = original.withTimes(original.departure().plusSeconds(shift), original.arrival().plusSeconds(shift));
    long version;
    try {
      version = engine.put(id, changed, meta);
    } catch (RuntimeException e) {
      ledger.inDoubt(id, changed.departure(), changed.arrival());
      throw e;
    }
    ledger.acknowledged(id, version, changed.departure(), changed.arrival());
    return id + "," + version + "," + changed.departure() + "," + changed.arrival();
  }
}
