package io.writebehind;

/**
 * A write was refused because its partition's journal holds as many unflushed writes as
 * allowed: the database is not keeping up (or is down). Nothing of the write was stored.
 */
public class JournalFullException extends WriteBehindException {
  private static final long serialVersionUID = 1L;
  private final int partition;
  private final long journalLength;
  private final long limit;

  public JournalFullException(int partition, long journalLength, long limit) {
    super("journal full: partition " + partition + " holds " + journalLength
        + " unflushed writes (limit " + limit + "); the database is not keeping up");
    this.partition = partition;
    this.journalLength = journalLength;
    this.limit = limit;
  }

  public int partition() {
    return partition;
  }

  public long journalLength() {
    return journalLength;
  }

  public long limit() {
    return limit;
  }
}
