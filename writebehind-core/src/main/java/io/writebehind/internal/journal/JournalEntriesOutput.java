package io.writebehind.internal.journal;

import io.lettuce.core.output.CommandOutput;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@code XRANGE} reply decoded straight into journal entries as it comes off the socket:
 * no map and no list per entry, and each entry told what it follows (the first one
 * {@code after}, then the entry before it). Lettuce's own stream output builds a map per
 * entry, which a read of thousands of events pays for every one of them.
 */
final class JournalEntriesOutput extends CommandOutput<String, byte[], List<JournalEntry>> {
  private final int partition;
  private String previous;
  private String id;
  /** The field whose value comes next: one of k o d m v, or 0 for a field this code does not read. */
  private char field;
  private boolean fieldNext;
  private byte[] k;
  private byte[] o;
  private byte[] d;
  private byte[] m;
  private byte[] v;

  JournalEntriesOutput(int partition, String after) {
    super(io.writebehind.ValkeyConnection.CODEC, new ArrayList<>());
    this.partition = partition;
    this.previous = after;
  }

  @Override
  public void multi(int count) {
    if (id != null) {
      // the entry's field list begins: a name comes first
      fieldNext = true;
    } else if (output.isEmpty() && count > 0) {
      ((ArrayList<JournalEntry>) output).ensureCapacity(count);
    }
  }

  @Override
  public void set(ByteBuffer bytes) {
    if (id == null) {
      id = bytes == null ? "" : StandardCharsets.US_ASCII.decode(bytes).toString();
      return;
    }
    if (fieldNext) {
      field = bytes != null && bytes.remaining() == 1 ? (char) bytes.get(bytes.position()) : 0;
      fieldNext = false;
      return;
    }
    byte[] value = bytes == null ? null : new byte[bytes.remaining()];
    if (value != null) {
      bytes.get(value);
    }
    switch (field) {
      case 'k' -> k = value;
      case 'o' -> o = value;
      case 'd' -> d = value;
      case 'm' -> m = value;
      case 'v' -> v = value;
      default -> { }
    }
    fieldNext = true;
  }

  @Override
  public void complete(int depth) {
    if (depth == 1 && id != null) {
      output.add(JournalEntry.of(partition, id, k, o, d, m, v, previous));
      previous = id;
      id = null;
      k = o = d = m = v = null;
      fieldNext = false;
    }
  }
}
