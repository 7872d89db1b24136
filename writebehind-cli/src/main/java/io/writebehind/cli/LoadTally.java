package io.writebehind.cli;

import io.writebehind.WriteOutcomeUnknownException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a load's writes came to: acknowledged, failed (of which with an unknown outcome: no
 * answer in time, so the write may be stored), the first reason. A load that meets failures
 * goes on; it stops only when nothing has been acknowledged for a while (Valkey gone), since
 * every further write would wait its full timeout for nothing.
 */
final class LoadTally {
  private final long giveUpNanos;
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong unknown = new AtomicLong();
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

  long failedCount() {
    return failed.get();
  }

  /** The summary's failure lines: always the count, then the reason and an early stop if any. */
  List<String> summary(long asked, long attempted, long giveUpSeconds) {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "%,d acknowledged, %,d failed%s", acknowledged.get(), failed.get(),
        unknown.get() == 0 ? "" : String.format(Locale.ROOT, " (%,d with unknown outcome: may be stored)", unknown.get())));
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
