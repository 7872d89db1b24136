package io.writebehind.sink;

import java.util.Map;

/**
 * A leaderboard as the database holds it, read in one snapshot with the position of the
 * partition's journal that it reflects.
 *
 * @param scores member to score
 * @param position the newest journal entry whose deltas the database has, 0 before any
 */
public record BoardRows<K>(Map<K, Long> scores, long position) {

  /** Copies the scores. */
  public BoardRows {
    scores = Map.copyOf(scores);
  }
}
