package io.writebehind;

/**
 * A write was refused because its partition's journal holds as many unflushed writes as
 * allowed: the database is not keeping up (or is down). Nothing of the write was stored.
 */
public class JournalFullException extends WriteBehindException {
  private static final long serialVersionUID = 1L;
  /** The partition whose journal is full. */
  private final int partition;
  /** Its length when the write was refused. */
  private final long journalLength;
  /** The configured limit. */
  private final long limit;

  /** A write refused by a full journal. */
  public JournalFullException(int partition, long journalLength, long limit) {
    super("journal full: partition " + partition + " holds " + journalLength
        + " unflushed writes (limit " + limit + "); the database is not keeping up");
    this.partition = partition;
    this.journalLength = journalLength;
    this.limit = limit;
  }

  /** The partition whose journal is full. */
  public int partition() {
    return partition;
  }

  /** Its unflushed writes when the write was refused. */
  public long journalLength() {
    return journalLength;
  }

  /** The limit ({@code maxJournalLength}). */
  public long limit() {
    return limit;
  }
}
