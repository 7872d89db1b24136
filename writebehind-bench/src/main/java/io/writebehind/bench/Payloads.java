package io.writebehind.bench;

/**
 * The generic rows' payload: about 100 bytes (the size the machine limits were measured
 * with), starting with the write's sequence number so a loss check can tell which write a
 * stored row holds.
 */
public final class Payloads {
  private static final String PAD = "x".repeat(100);

  private Payloads() {}

  public static String of(long key, long seq) {
    String head = "seq=" + seq + ";key=" + key + ";";
    return head + PAD.substring(0, Math.max(0, 100 - head.length()));
  }

  /** The sequence number of a payload, or -1 if it is not one of ours. */
  public static long seq(String payload) {
    if (payload == null || !payload.startsWith("seq=")) {
      return -1;
    }
    int end = payload.indexOf(';');
    return Long.parseLong(payload.substring(4, end));
  }
}
