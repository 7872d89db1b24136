package io.writebehind.internal.engine;

import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.Limit;
import io.writebehind.internal.journal.Fields;
import io.writebehind.internal.journal.Journal;
import io.writebehind.internal.journal.KeyLayout;
import io.writebehind.internal.journal.Scripts;
import io.writebehind.internal.journal.Versions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.writebehind.admin.DeadLetter;
import io.writebehind.admin.DeadLetters;

/** The dead-letter streams of a namespace, read and changed one script at a time. */
public final class JournalDeadLetters implements DeadLetters {
  private final Journal journal;
  private final long timeoutMillis;

  public JournalDeadLetters(Journal journal, long timeoutMillis) {
    this.journal = journal;
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public List<DeadLetter> list(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    KeyLayout layout = journal.layout();
    List<DeadLetter> out = new ArrayList<>();
    for (int p = 0; p < layout.partitions() && out.size() < limit; p++) {
      List<StreamMessage<String, byte[]>> page = Await.get(journal.connection().async()
          .xrange(layout.deadLetterKey(p), Range.create("-", "+"), Limit.from(limit - out.size())).toCompletableFuture(),
          timeoutMillis, "reading dead letters");
      for (StreamMessage<String, byte[]> m : page) {
        out.add(toDeadLetter(p, m));
      }
    }
    return out;
  }

  @Override
  public Optional<DeadLetter> get(String handle) {
    Handle h = Handle.parse(handle, journal.layout().partitions());
    List<StreamMessage<String, byte[]>> found = Await.get(journal.connection().async()
        .xrange(journal.layout().deadLetterKey(h.partition()), Range.create(h.id(), h.id())).toCompletableFuture(),
        timeoutMillis, "reading a dead letter");
    return found.isEmpty() ? Optional.empty() : Optional.of(toDeadLetter(h.partition(), found.get(0)));
  }

  @Override
  public ReplayOutcome replay(String handle) {
    Handle h = Handle.parse(handle, journal.layout().partitions());
    DeadLetter letter = get(handle).orElse(null);
    if (letter == null) {
      return ReplayOutcome.MISSING;
    }
    KeyLayout layout = journal.layout();
    String[] keys = {layout.valueKey(h.partition(), letter.key()), layout.journalKey(h.partition()), layout.deadLetterKey(h.partition())};
    List<Object> r = Await.get(Scripts.REPLAY.<List<Object>>run(journal.connection(), ScriptOutputType.MULTI, keys,
        Fields.bytes(h.id())), timeoutMillis, "replaying a dead letter");
    if (((Long) r.get(0)) == 1) {
      return ReplayOutcome.REPLAYED;
    }
    String why = Fields.text(r.get(1));
    return why.equals("superseded") ? ReplayOutcome.SUPERSEDED : ReplayOutcome.MISSING;
  }

  @Override
  public boolean drop(String handle) {
    Handle h = Handle.parse(handle, journal.layout().partitions());
    DeadLetter letter = get(handle).orElse(null);
    if (letter == null) {
      return false;
    }
    KeyLayout layout = journal.layout();
    String[] keys = {layout.valueKey(h.partition(), letter.key()), layout.deadLetterKey(h.partition()),
        layout.dirtyKey(h.partition())};
    Long n = Await.get(Scripts.DROP.<Long>run(journal.connection(), ScriptOutputType.INTEGER, keys,
        Fields.bytes(h.id()), Fields.bytes(letter.key())), timeoutMillis, "dropping a dead letter");
    return n == 1;
  }

  /**
   * Checked, then dropped: a key's cached version only grows (or the value expires once a
   * newer write is in the database), so a letter superseded at the check stays superseded.
   */
  @Override
  public boolean dropSuperseded(String handle) {
    Handle h = Handle.parse(handle, journal.layout().partitions());
    DeadLetter letter = get(handle).orElse(null);
    if (letter == null) {
      return false;
    }
    byte[] cached = Await.get(journal.connection().async().hget(journal.layout().valueKey(h.partition(), letter.key()), "v")
        .toCompletableFuture(), timeoutMillis, "reading a cached version");
    String version = cached == null ? "" : Fields.text(cached);
    if (version.isEmpty() || Versions.fromEntryId(version) <= letter.version()) {
      return false;
    }
    return drop(handle);
  }

  private static DeadLetter toDeadLetter(int partition, StreamMessage<String, byte[]> m) {
    Map<String, byte[]> b = m.getBody();
    String original = Fields.text(b.get("id"));
    return new DeadLetter(partition + ":" + m.getId(), Fields.text(b.get("k")),
        original == null || original.isEmpty() ? 0 : Versions.fromEntryId(original),
        "d".equals(Fields.text(b.get("o"))), b.get("d") == null ? new byte[0] : b.get("d"),
        Fields.textOrNull(b.get("m")), Fields.text(b.get("error")), (int) Fields.number(b.get("attempts")), Fields.number(b.get("at")));
  }

  record Handle(int partition, String id) {
    static Handle parse(String handle, int partitions) {
      int colon = handle == null ? -1 : handle.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("dead letter handle must look like <partition>:<id>, was '" + handle + "'");
      }
      int p;
      try {
        p = Integer.parseInt(handle.substring(0, colon));
        Versions.fromEntryId(handle.substring(colon + 1));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("dead letter handle must look like <partition>:<id>, was '" + handle + "'");
      }
      if (p < 0 || p >= partitions) {
        throw new IllegalArgumentException("dead letter handle names partition " + p + ", valid 0.." + (partitions - 1));
      }
      return new Handle(p, handle.substring(colon + 1));
    }
  }
}
