package io.writebehind.admin;

import java.util.List;
import java.util.Optional;

/** Inspect, replay or discard the writes the workers could not apply. */
public interface DeadLetters {
  /**
   * Up to {@code limit} dead letters, oldest first within each partition.
   *
   * @throws IllegalArgumentException if {@code limit} is less than 1
   */
  List<DeadLetter> list(int limit);

  /**
   * The dead letter a handle names ({@link DeadLetter#handle()}), if it is still there.
   *
   * @throws IllegalArgumentException if the handle is not of the form {@code <partition>:<id>}
   */
  Optional<DeadLetter> get(String handle);

  /** What a replay did. */
  enum ReplayOutcome {
    /** Journaled again with its original version. */
    REPLAYED,
    /** Not journaled: the cache holds a newer write of the key, which wins. */
    SUPERSEDED,
    /** No such dead letter (replayed or dropped already). */
    MISSING
  }

  /**
   * Journals the dead write again with its original version, unless the cache holds a newer
   * write of the key; the database's version guard refuses it too if a newer write got
   * there first. A newer write wins, as always.
   *
   * @throws IllegalArgumentException if the handle is malformed
   */
  ReplayOutcome replay(String handle);

  /**
   * Discards a dead letter; if the cache still holds the value the database never got, drops
   * that too, so readers load what the database has. Returns whether it was there.
   *
   * @throws IllegalArgumentException if the handle is malformed
   */
  boolean drop(String handle);

  /**
   * Discards a dead letter whose key has a newer write in the cache (what {@link #replay}
   * reports as {@link ReplayOutcome#SUPERSEDED}): that write wins, so this one can never
   * reach the database, and dropping it loses nothing. Returns whether it was dropped: false
   * when it is missing, or when nothing newer is cached (replay or drop it by its handle).
   *
   * @throws IllegalArgumentException if the handle is malformed
   */
  boolean dropSuperseded(String handle);
}
