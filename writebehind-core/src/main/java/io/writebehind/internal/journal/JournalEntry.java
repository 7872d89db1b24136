package io.writebehind.internal.journal;

import java.util.Map;

/**
 * One write as the journal holds it.
 *
 * @param partition the partition whose stream holds it
 * @param id the stream entry id (its version, see {@link Versions})
 * @param key the encoded key, or {@code null} if the entry was malformed
 * @param delete whether it deletes the key
 * @param data the encoded value (empty for a delete)
 * @param meta the writer's note, or {@code null}
 * @param versionId the write's version as an entry id: its own id, or for a replayed dead
 *     letter the id of the original write
 * @param version {@code versionId} as a number (see {@link Versions}), parsed once: a batch
 *     compares it many times
 * @param op 'p' put, 'd' delete, 'i' a counter's deltas ({@code data} is {@code field=delta,...}),
 *     'z' a leaderboard's ({@code meta} the member, {@code data} the delta), 'e' an event
 * @param after the entry the read that brought this one started after, or {@code null} when
 *     the read does not tell: every entry up to it had been delivered to some worker
 */
public record JournalEntry(
    int partition, String id, String key, boolean delete, byte[] data, String meta, String versionId, long version,
    char op, String after) {

  public JournalEntry(int partition, String id, String key, boolean delete, byte[] data, String meta) {
    this(partition, id, key, delete, data, meta, id);
  }

  public JournalEntry(int partition, String id, String key, boolean delete, byte[] data, String meta, String versionId) {
    this(partition, id, key, delete, data, meta, versionId, Versions.fromEntryId(versionId), delete ? 'd' : 'p', null);
  }

  /** Whether it carries deltas (a counter's or a leaderboard's), not a whole value. */
  public boolean increment() {
    return op == 'i' || op == 'z';
  }

  /** Whether it is an event of a namespace of events. */
  public boolean event() {
    return op == 'e';
  }

  /** Whether it carries a leaderboard member's delta. */
  public boolean score() {
    return op == 'z';
  }

  static JournalEntry fromFields(int partition, String id, Map<String, byte[]> body) {
    if (body == null) {
      return of(partition, id, null, null, null, null, null, null);
    }
    return of(partition, id, body.get("k"), body.get("o"), body.get("d"), body.get("m"), body.get("v"), null);
  }

  /** The journal's field names, one letter each, in the order {@link #of} takes their values. */
  static final String FIELDS = "kodmv";

  /** The place of a journal field's value in {@link #of}'s order, or -1 for a field not read. */
  static int fieldIndex(char name) {
    return FIELDS.indexOf(name);
  }

  /**
   * An entry from its fields as the journal holds them ({@code k} key, {@code o} op, {@code d}
   * data, {@code m} meta, {@code v} original version; each null when absent), read after
   * {@code after}.
   */
  static JournalEntry of(int partition, String id, byte[] k, byte[] o, byte[] d, byte[] m, byte[] v, String after) {
    char op = o != null && o.length == 1 ? (char) o[0] : '?';
    String versionId = v == null ? id : Fields.text(v);
    long own = Versions.fromEntryId(id);
    long version;
    boolean valid = k != null && (op == 'p' || op == 'd' || op == 'i' || op == 'z' || op == 'e');
    try {
      version = v == null ? own : Versions.fromEntryId(versionId);
      // A replayed entry carries its original, older version. One newer than the entry itself
      // was never given by a write: applied, it would freeze the row for every real write after.
      if (version > own) {
        versionId = id;
        version = own;
        valid = false;
      }
    } catch (RuntimeException notAnId) {
      // A replayed entry whose original version is unreadable: dead-lettered as malformed.
      versionId = id;
      version = own;
      valid = false;
    }
    return new JournalEntry(partition, id, valid ? Fields.text(k) : null, op == 'd',
        d == null ? new byte[0] : d, Fields.text(m), versionId, version, valid ? op : '?', after);
  }

  public boolean malformed() {
    return key == null;
  }
}
