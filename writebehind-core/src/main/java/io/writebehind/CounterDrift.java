package io.writebehind;

/**
 * A cached counter's field that is not the database's total plus the deltas still in the
 * journal: something changed one side behind the engine's back (a hand edit, a restored
 * backup, a dead-lettered delta).
 *
 * @param key the counter
 * @param field the field
 * @param cached the cached total
 * @param database the database's total when it was read
 * @param pending the journal's deltas the database did not have then
 */
public record CounterDrift<K>(K key, String field, long cached, long database, long pending) {

  /** What the cache should hold: the database's total plus the pending deltas. */
  public long expected() {
    return database + pending;
  }
}
