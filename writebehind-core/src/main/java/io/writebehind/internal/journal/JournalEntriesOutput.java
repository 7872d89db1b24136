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
  /** Where the value that comes next goes in {@link #kodmv} ({@link JournalEntry#fieldIndex}), -1 for a field not read. */
  private int field;
  private boolean fieldNext;
  /** The entry's field values, in {@link JournalEntry#FIELDS}' order. */
  private final byte[][] kodmv = new byte[JournalEntry.FIELDS.length()][];

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
      // an entry id is ASCII: copied as Latin-1 into the string's own bytes, no decoder
      id = bytes == null ? "" : new String(bytes(bytes), StandardCharsets.ISO_8859_1);
      return;
    }
    if (fieldNext) {
      field = bytes != null && bytes.remaining() == 1 ? JournalEntry.fieldIndex((char) bytes.get(bytes.position())) : -1;
      fieldNext = false;
      return;
    }
    if (field >= 0) {
      kodmv[field] = bytes == null ? null : bytes(bytes);
    }
    fieldNext = true;
  }

  private static byte[] bytes(ByteBuffer bytes) {
    byte[] out = new byte[bytes.remaining()];
    bytes.get(out);
    return out;
  }

  @Override
  public void complete(int depth) {
    if (depth == 1 && id != null) {
      output.add(JournalEntry.of(partition, id, kodmv[0], kodmv[1], kodmv[2], kodmv[3], kodmv[4], previous));
      previous = id;
      id = null;
      java.util.Arrays.fill(kodmv, null);
      fieldNext = false;
    }
  }
}
