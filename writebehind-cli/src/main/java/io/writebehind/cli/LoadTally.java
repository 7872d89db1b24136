package io.writebehind.cli;

import io.writebehind.DurabilityException;
import io.writebehind.WriteOutcomeUnknownException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a load's writes came to: acknowledged, stored but not confirmed durable (in the cache
 * and the journal, so a worker writes them to the database, but the asked replicas or AOF
 * did not confirm them in time), failed (of which with an unknown outcome: no answer in
 * time, so the write may be stored), the first reason of each. A load that meets failures
 * goes on; it stops only when nothing has been acknowledged for a while (Valkey gone), since
 * every further write would wait its full timeout for nothing.
 */
final class LoadTally {
  private final long giveUpNanos;
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong unknown = new AtomicLong();
  private final AtomicLong unconfirmed = new AtomicLong();
  private final AtomicReference<String> firstUnconfirmed = new AtomicReference<>();
  private final AtomicLong lastAck = new AtomicLong(System.nanoTime());
  private final AtomicReference<String> firstError = new AtomicReference<>();
  private final AtomicBoolean gaveUp = new AtomicBoolean();

  LoadTally(long giveUpNanos) {
    this.giveUpNanos = giveUpNanos;
  }

  void acknowledged() {
    acknowledged.incrementAndGet();
    lastAck.set(System.nanoTime());
  }

  /**
   * Stored, but short of the asked durability. Not progress for {@link #gaveUp}: the load
   * asked for a level nothing reaches, so every further write would wait its timeout.
   */
  void unconfirmed(DurabilityException e) {
    unconfirmed.incrementAndGet();
    firstUnconfirmed.compareAndSet(null, Session.firstLine(String.valueOf(e.getMessage())));
    if (System.nanoTime() - lastAck.get() > giveUpNanos) {
      gaveUp.set(true);
    }
  }

  void failed(RuntimeException e) {
    failed.incrementAndGet();
    if (e instanceof WriteOutcomeUnknownException) {
      unknown.incrementAndGet();
    }
    String why = e.getMessage() == null ? Session.rootMessage(e) : e.getMessage();
    firstError.compareAndSet(null, e.getClass().getSimpleName() + ": " + Session.firstLine(why));
    if (System.nanoTime() - lastAck.get() > giveUpNanos) {
      gaveUp.set(true);
    }
  }

  boolean gaveUp() {
    return gaveUp.get();
  }

  long acknowledgedCount() {
    return acknowledged.get();
  }

  /** Writes not acknowledged at the asked level: failed, or stored but not confirmed durable. */
  long notAcknowledgedCount() {
    return failed.get() + unconfirmed.get();
  }

  /** The summary's failure lines: always the count, then the reason and an early stop if any. */
  List<String> summary(long asked, long attempted, long giveUpSeconds) {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "%,d acknowledged, %s%,d failed%s", acknowledged.get(),
        unconfirmed.get() == 0 ? "" : String.format(Locale.ROOT, "%,d stored but not confirmed durable, ", unconfirmed.get()),
        failed.get(),
        unknown.get() == 0 ? "" : String.format(Locale.ROOT, " (%,d with unknown outcome: may be stored)", unknown.get())));
    if (firstUnconfirmed.get() != null) {
      lines.add("stored, not confirmed durable: a worker writes them to the database");
      lines.add("  first: " + firstUnconfirmed.get());
    }
    if (firstError.get() != null) {
      lines.add("first failure: " + firstError.get());
    }
    if (gaveUp.get()) {
      lines.add(String.format(Locale.ROOT, "stopped early: no write acknowledged for %d s; %,d of %,d updates not attempted",
          giveUpSeconds, asked - attempted, asked));
    }
    return lines;
  }
}
