package io.writebehind.journal;

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
 */
public record JournalEntry(int partition, String id, String key, boolean delete, byte[] data, String meta) {

  static JournalEntry fromFields(int partition, String id, Map<String, byte[]> body) {
    byte[] k = body == null ? null : body.get("k");
    byte[] o = body == null ? null : body.get("o");
    byte[] d = body == null ? null : body.get("d");
    byte[] m = body == null ? null : body.get("m");
    String op = o == null ? null : new String(o, java.nio.charset.StandardCharsets.UTF_8);
    boolean valid = k != null && ("p".equals(op) || "d".equals(op));
    return new JournalEntry(
        partition,
        id,
        valid ? new String(k, java.nio.charset.StandardCharsets.UTF_8) : null,
        "d".equals(op),
        d == null ? new byte[0] : d,
        m == null ? null : new String(m, java.nio.charset.StandardCharsets.UTF_8));
  }

  public boolean malformed() {
    return key == null;
  }

  public long version() {
    return Versions.fromEntryId(id);
  }
}
