package io.writebehind.internal.journal;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Where everything of one namespace lives in Valkey.
 *
 * <p>A key belongs to one of a fixed number of partitions. Every key of partition {@code p}
 * carries the hash tag {@code {p}}, so a cached value, its partition's journal stream, lease
 * and dead letters share one cluster slot: the write script touches a value and a journal
 * in one atomic step, which Valkey Cluster only allows inside one slot.
 *
 * <ul>
 *   <li>cached value: {@code <ns>:{<p>}:<key>} (a hash: d = data, v = version, s = state)
 *   <li>journal: {@code <ns>#journal{<p>}}, dead letters {@code <ns>#dlq{<p>}}, lease
 *       {@code <ns>#lease{<p>}}, dirty versions {@code <ns>#dirty{<p>}} (a hash: key -> the
 *       version the worker has to flush before that value may expire), committed position
 *       {@code <ns>#committed{<p>}} (the newest entry id up to which the database has it all),
 *       record {@code <ns>#part{<p>}} (partition count, epoch, journal losses)
 *   <li>namespace-wide: {@code <ns>#meta}, {@code <ns>#workers}, {@code <ns>#worker:<id>}
 * </ul>
 *
 * Internal keys put {@code #} right after the namespace and values put {@code :}, so no
 * user key can ever name a journal or a lease.
 */
public final class KeyLayout {
  private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
  public static final int MAX_PARTITIONS = 16_384;
  public static final String GROUP = "writebehind";

  private final String namespace;
  private final int partitions;

  public KeyLayout(String namespace, int partitions) {
    if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
      throw new IllegalArgumentException(
          "namespace must match [A-Za-z0-9_.-]{1,64}, was " + (namespace == null ? "null" : "'" + namespace + "'"));
    }
    if (partitions < 1 || partitions > MAX_PARTITIONS) {
      throw new IllegalArgumentException(
          "partitions must be between 1 and " + MAX_PARTITIONS + ", was " + partitions);
    }
    this.namespace = namespace;
    this.partitions = partitions;
  }

  public String namespace() {
    return namespace;
  }

  public int partitions() {
    return partitions;
  }

  /** Stable across processes and versions: CRC32 of the key's UTF-8 bytes. */
  public int partitionOf(String encodedKey) {
    CRC32 crc = new CRC32();
    crc.update(encodedKey.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % partitions);
  }

  public String valueKey(String encodedKey) {
    return valueKey(partitionOf(encodedKey), encodedKey);
  }

  public String valueKey(int partition, String encodedKey) {
    return valuePrefix(partition) + encodedKey;
  }

  /** What every value key of the partition starts with; the key follows it. */
  String valuePrefix(int partition) {
    return namespace + ":{" + partition + "}:";
  }

  public String journalKey(int partition) {
    return namespace + "#journal{" + partition + "}";
  }

  public String deadLetterKey(int partition) {
    return namespace + "#dlq{" + partition + "}";
  }

  public String dirtyKey(int partition) {
    return namespace + "#dirty{" + partition + "}";
  }

  public String committedKey(int partition) {
    return namespace + "#committed{" + partition + "}";
  }

  /** The partition's record: the namespace's partition count, an epoch, journal losses. */
  public String partitionKey(int partition) {
    return namespace + "#part{" + partition + "}";
  }

  /** Set for a while after a purge, so workers take the journals they see vanish for no loss. */
  public String purgedKey() {
    return namespace + "#purged";
  }

  public String leaseKey(int partition) {
    return namespace + "#lease{" + partition + "}";
  }

  public String metaKey() {
    return namespace + "#meta";
  }

  public String workersKey() {
    return namespace + "#workers";
  }

  public String workerInfoKey(String workerId) {
    return namespace + "#worker:" + workerId;
  }

  /** What a leaderboard's key starts with: no counter's key may (see {@link #boardKey}). */
  public static final String BOARD_PREFIX = "~board:";

  /**
   * A leaderboard's key in the journal and the cache: it lives with the namespace's
   * counters, and its prefix keeps it apart from every counter's key.
   */
  public static String boardKey(String board) {
    return BOARD_PREFIX + board;
  }

  /** The last events of a key of a namespace of events, newest first (see {@code Events}). */
  public String recentKey(int partition, String encodedKey) {
    return namespace + "#recent{" + partition + "}:" + encodedKey;
  }

  /** The SCAN pattern of every cached value (or counter) of the namespace. */
  public String valuesPattern() {
    return escapeGlob(namespace) + ":{*}:*";
  }

  /** The encoded key of a cached value's name, or {@code null} if it is not one of this namespace. */
  public String keyOfValue(String valueKey) {
    String prefix = namespace + ":{";
    if (!valueKey.startsWith(prefix)) {
      return null;
    }
    int close = valueKey.indexOf("}:", prefix.length());
    return close < 0 ? null : valueKey.substring(close + 2);
  }

  /** SCAN patterns that match every key of this namespace and nothing else. */
  public String[] scanPatterns() {
    String ns = escapeGlob(namespace);
    return new String[] {valuesPattern(), ns + "#*"};
  }

  private static String escapeGlob(String s) {
    return s.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
  }
}
