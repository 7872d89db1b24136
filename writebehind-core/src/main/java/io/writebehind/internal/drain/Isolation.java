package io.writebehind.internal.drain;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the records a sink refuses in a batch it will not take whole, a pure function of
 * what the sink does (no journal, no clock), so its rules are tested without servers.
 *
 * <p>A passing failure (see {@link Failures}) goes up at once: the whole batch is retried. Any
 * other failure splits the batch in halves until the refused records stand alone, and the
 * rest is applied. A record refused alone is dead-lettered when its error is the record's, or
 * when other records of the batch committed (the database is healthy and refuses that one).
 * When nothing committed and a record failed with an error of unknown kind (a missing table
 * looks like that), it is not dead-lettered: the batch is retried, and what committed meanwhile
 * is a no-op then.
 */
final class Isolation {
  private Isolation() {}

  /** Applies a part of the batch in one transaction; returns how many records changed the database. */
  interface Apply<T> {
    int apply(List<T> items) throws Exception;
  }

  /** A record refused on its own, and why. */
  record Refusal<T>(T item, Exception error) {}

  /**
   * What became of the batch.
   *
   * @param applied the items committed
   * @param changed how many of them changed the database
   * @param deadLetters the items to move to the dead letters, with their errors
   * @param retry when set, the batch must be retried (after the dead letters are moved)
   */
  record Outcome<T>(List<T> applied, int changed, List<Refusal<T>> deadLetters, Exception retry) {}

  static <T> Outcome<T> isolate(List<T> items, Apply<T> apply) throws Exception {
    List<T> applied = new ArrayList<>(items.size());
    List<Refusal<T>> refused = new ArrayList<>();
    int changed = split(items, apply, applied, refused);
    List<Refusal<T>> dead = new ArrayList<>(refused.size());
    Exception retry = null;
    for (Refusal<T> r : refused) {
      if (!applied.isEmpty() || Failures.classify(r.error()) == Failures.Kind.RECORD) {
        dead.add(r);
      } else if (retry == null) {
        retry = r.error();
      }
    }
    return new Outcome<>(applied, changed, dead, retry);
  }

  private static <T> int split(List<T> items, Apply<T> apply, List<T> applied, List<Refusal<T>> refused) throws Exception {
    if (items.isEmpty()) {
      return 0;
    }
    try {
      int changed = apply.apply(items);
      applied.addAll(items);
      return changed;
    } catch (Exception e) {
      if (Failures.classify(e) == Failures.Kind.TRANSIENT) {
        throw e;
      }
      if (items.size() == 1) {
        refused.add(new Refusal<>(items.get(0), e));
        return 0;
      }
      int half = items.size() / 2;
      return split(items.subList(0, half), apply, applied, refused)
          + split(items.subList(half, items.size()), apply, applied, refused);
    }
  }
}
