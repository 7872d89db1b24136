package io.writebehind;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.Range;
import io.lettuce.core.api.StatefulRedisConnection;
import io.writebehind.internal.journal.Journal;
import io.writebehind.internal.journal.JournalEntry;
import io.writebehind.internal.journal.KeyLayout;
import io.writebehind.ValkeyConnection;
import io.writebehind.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed position that stands in for per-entry pending lists: it only moves over
 * entries some batch committed, never backwards, and what was read and never committed is
 * read again from it.
 */
class CommittedPositionIT {
  private static WriteBehind<String, String> engine(String url, String ns, VersionedMapSink sink) {
    return WriteBehind.builder(Codecs.textKeysTextValues()).valkeyUrl(url).namespace(ns).partitions(1).sink(sink).build();
  }

  /** One partition with {@code writes} puts journaled and no worker: the test reads and acknowledges by hand. */
  private record Written(ValkeyConnection c, WriteBehind<String, String> wb, StatefulRedisConnection<String, String> raw,
      Journal journal) implements AutoCloseable {
    static Written open(String url, String prefix, int writes) {
      String ns = Servers.namespace(prefix);
      ValkeyConnection c = ValkeyConnection.open(url, Duration.ofSeconds(5));
      WriteBehind<String, String> wb = engine(url, ns, new VersionedMapSink());
      for (int i = 0; i < writes; i++) {
        wb.put("k" + i, "v" + i);
      }
      Journal journal = new Journal(c, new KeyLayout(ns, 1));
      journal.claim(0, null, false).join();
      return new Written(c, wb, Servers.raw(url), journal);
    }

    KeyLayout layout() {
      return journal.layout();
    }

    @Override
    public void close() {
      wb.admin().purgeNamespace();
      raw.close();
      wb.close();
      c.close();
    }
  }

  private static String first(List<JournalEntry> batch) {
    return batch.get(0).id();
  }

  private static String last(List<JournalEntry> batch) {
    return batch.get(batch.size() - 1).id();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void thePositionDoesNotJumpOverEntriesReadByAWorkerThatNeverCommitted(String name, String url) throws Exception {
    try (Written w = Written.open(url, "gap", 20)) {
      Journal journal = w.journal();
      KeyLayout layout = w.layout();
      List<JournalEntry> zombie = journal.readNew(0, "zombie", 10).get();
      List<JournalEntry> owner = journal.readNew(0, "owner", 10).get();
      assertThat(zombie).hasSize(10);
      assertThat(owner).hasSize(10);
      String mark = last(owner);

      Journal.AckResult gap = journal.ack(0, first(owner), last(owner), owner, 60_000, true).get();
      assertThat(gap.committed()).as("position moved over the zombie's entries").isFalse();
      assertThat(gap.markedClean()).as("the owner's values are in the database all the same").isEqualTo(10);
      assertThat(w.raw().sync().exists(layout.committedKey(0))).isZero();
      assertThat(w.raw().sync().xlen(layout.journalKey(0))).as("nothing trimmed").isEqualTo(20);
      assertThat(journal.progress(0, mark, true).get().flushedToMark()).isFalse();
      assertThat(journal.progress(0, null, true).get().pending()).isEqualTo(20);

      List<JournalEntry> again = journal.readUncommitted(0, 100).get();
      assertThat(again).extracting(JournalEntry::id)
          .containsExactlyElementsOf(java.util.stream.Stream.concat(zombie.stream(), owner.stream()).map(JournalEntry::id).toList());
      assertThat(journal.ack(0, first(again), last(again), List.of(), 60_000, true).get().committed()).isTrue();
      assertThat(w.raw().sync().get(layout.committedKey(0))).isEqualTo(mark);
      assertThat(journal.progress(0, mark, true).get().flushedToMark()).isTrue();
      assertThat(journal.progress(0, null, true).get().pending()).isZero();
      assertThat(w.raw().sync().xlen(layout.journalKey(0))).as("trimmed up to the position").isZero();
      assertThat(journal.readUncommitted(0, 100).get()).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void aRepeatedOrLateAcknowledgementNeverMovesThePositionBack(String name, String url) throws Exception {
    try (Written w = Written.open(url, "lateack", 10)) {
      Journal journal = w.journal();
      List<JournalEntry> a = journal.readNew(0, "w", 5).get();
      List<JournalEntry> b = journal.readNew(0, "w", 5).get();
      assertThat(journal.ack(0, first(a), last(a), List.of(), 0, false).get().committed()).isTrue();
      // the reply was lost and the worker acknowledges again: still contiguous
      assertThat(journal.ack(0, first(a), last(a), List.of(), 0, false).get().committed()).isTrue();
      assertThat(journal.ack(0, first(b), last(b), List.of(), 0, false).get().committed()).isTrue();
      // a worker that lost its lease acknowledges the older batch late
      assertThat(journal.ack(0, first(a), last(a), List.of(), 0, false).get().committed()).isTrue();
      assertThat(w.raw().sync().get(journal.layout().committedKey(0))).isEqualTo(last(b));
      assertThat(w.raw().sync().xlen(journal.layout().journalKey(0))).as("kept for replay").isEqualTo(10);
      assertThat(journal.progress(0, last(b), true).get().oldestEntryId()).as("nothing unflushed").isNull();
    }
  }

  /**
   * A worker commits "first" while {@code writes} more come, of which another worker (its
   * lease long gone) reads {@code zombieReads} and dies; then flush. Returns what the
   * database got.
   */
  private static VersionedMapSink drainWhileAnotherWorkerReads(String url, String ns, int writes, int zombieReads)
      throws Exception {
    VersionedMapSink sink = new VersionedMapSink();
    try (ValkeyConnection c = ValkeyConnection.open(url, Duration.ofSeconds(5));
         WriteBehind<String, String> wb = engine(url, ns, sink)) {
      Journal journal = new Journal(c, new KeyLayout(ns, 1));
      CountDownLatch gate = new CountDownLatch(1);
      sink.gate = gate;
      try (Worker w = wb.startWorker(WorkerIT.FAST)) {
        wb.put("first", "1");
        assertThat(sink.atGate.tryAcquire(10, TimeUnit.SECONDS)).as("the worker is committing").isTrue();
        for (int i = 0; i < writes; i++) {
          wb.put("k" + i, "v" + i);
        }
        assertThat(journal.readNew(0, "zombie", zombieReads).get()).hasSize(zombieReads);
        sink.gate = null;
        gate.countDown();
        wb.flush(Duration.ofSeconds(15));
      }
      assertThat(wb.admin().status().journalLength()).isZero();
      wb.admin().purgeNamespace();
    }
    return sink;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void aWorkerReadsAgainWhatAnotherWorkerReadWhileItWasCommitting(String name, String url) throws Exception {
    // the owner's next batch (the other five) meets the gap the zombie left
    VersionedMapSink sink = drainWhileAnotherWorkerReads(url, Servers.namespace("zombie"), 10, 5);
    assertThat(sink.rows).hasSize(11);
    for (int i = 0; i < 10; i++) {
      assertThat(sink.rows.get("k" + i).value()).isEqualTo("v" + i);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void entriesAnotherWorkerReadLastOnAQuietPartitionAreNotLeftBehind(String name, String url) throws Exception {
    // the zombie read the last writes for a while: no later batch of the owner meets the gap
    VersionedMapSink sink = drainWhileAnotherWorkerReads(url, Servers.namespace("quiet"), 5, 5);
    assertThat(sink.rows).hasSize(6);
  }

  /**
   * A reader that knows where its last read ended reads on from there with a plain XRANGE,
   * and the read is its own only if no other read came between: else it is refused, and
   * nothing of it counts as delivered.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.writebehind.Servers#both")
  void aReadFromWhereTheLastOneEndedIsRefusedWhenAnotherReadCameBetween(String name, String url) throws Exception {
    try (Written w = Written.open(url, "cursor", 30)) {
      Journal journal = w.journal();
      List<String> ids = w.raw().sync().xrange(w.layout().journalKey(0), Range.create("-", "+")).stream()
          .map(m -> m.getId()).toList();
      Journal.NewEntries first = journal.readNewAfter(0, "owner", 10).get();
      assertThat(first.entries()).hasSize(10);
      assertThat(first.after()).isEqualTo("0-0");

      Journal.NewEntries second = journal.readNewFrom(0, first.last(), 10).get();
      assertThat(second.entries()).extracting(JournalEntry::id).isEqualTo(ids.subList(10, 20));
      assertThat(second.entries()).extracting(JournalEntry::after).isEqualTo(ids.subList(9, 19));
      assertThat(second.entries()).extracting(JournalEntry::key).containsExactly("k10", "k11", "k12", "k13", "k14",
          "k15", "k16", "k17", "k18", "k19");

      List<JournalEntry> zombie = journal.readNew(0, "zombie", 5).get();
      assertThat(zombie).as("the group was moved past the owner's read").extracting(JournalEntry::id)
          .isEqualTo(ids.subList(20, 25));

      Journal.NewEntries stale = journal.readNewFrom(0, second.last(), 10).get();
      assertThat(stale.entries()).as("another read came between").isNull();
      Journal.NewEntries next = journal.readNewAfter(0, "owner", 100).get();
      assertThat(next.after()).as("the refused read delivered nothing").isEqualTo(ids.get(24));
      assertThat(next.entries()).extracting(JournalEntry::id).isEqualTo(ids.subList(25, 30));

      Journal.NewEntries empty = journal.readNewFrom(0, next.last(), 10).get();
      assertThat(empty.entries()).isEmpty();
      assertThat(empty.last()).isEqualTo(ids.get(29));
    }
  }
}
