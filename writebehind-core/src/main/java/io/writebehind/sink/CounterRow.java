package io.writebehind.sink;

import java.util.Map;

/**
 * A counter's row as the database holds it, read in one snapshot with the position of the
 * partition's journal that the row reflects.
 *
 * @param totals field to total; a field the row lacks (or a row that does not exist) is 0
 * @param position the newest journal entry (as a version, see {@link DeltaBatch}) whose
 *     deltas the database has, 0 before any
 */
public record CounterRow(Map<String, Long> totals, long position) {

  /** Copies the totals. */
  public CounterRow {
    totals = Map.copyOf(totals);
  }
}
