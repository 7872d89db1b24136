package io.writebehind.bench.events;

import io.writebehind.Codec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The event the events bench appends: a flight's position report, as an airborne flight
 * sends one every few seconds. Encoded in about 35 bytes ({@link #encode}), so every system
 * moves the same bytes.
 */
public record Report(long atMillis, double lat, double lon, int altitudeFt, String status) {
  /** 2030-01-01T00:00Z: far from now, fixed, so two runs write the same rows. */
  static final long EPOCH = 1_893_456_000_000L;
  private static final String[] STATUS = {"climb", "cruise", "descent", "holding"};

  /** The {@code seq}-th report of a flight: every value a function of the two, nothing random. */
  public static Report of(long flight, long seq) {
    long m = flight * 7919 + seq;
    return new Report(EPOCH + seq * 4000, 35 + (m % 2000) / 100.0, -120 + (m % 3000) / 100.0,
        30_000 + (int) (m % 9000), STATUS[(int) (m & 3)]);
  }

  /** In UTC, built from its fields: {@code Instant.atOffset} would make the offset's rules anew for every report. */
  public OffsetDateTime at() {
    return OffsetDateTime.of(LocalDateTime.ofEpochSecond(Math.floorDiv(atMillis, 1000),
        (int) Math.floorMod(atMillis, 1000) * 1_000_000, ZoneOffset.UTC), ZoneOffset.UTC);
  }

  /** Flight ids as decimal keys, reports in the binary form of {@link #encode}. */
  public static final Codec<Long, Report> CODEC = new Codec<>() {
    @Override
    public String encodeKey(Long key) {
      return Long.toString(key);
    }

    @Override
    public Long decodeKey(String encoded) {
      return Long.parseLong(encoded);
    }

    @Override
    public byte[] encodeValue(Report r) {
      return encode(r);
    }

    @Override
    public Report decodeValue(byte[] bytes) {
      if (bytes.length < FIXED) {
        throw new IllegalArgumentException("not a position report: " + bytes.length + " bytes");
      }
      ByteBuffer b = ByteBuffer.wrap(bytes);
      return new Report(b.getLong(), b.getDouble(), b.getDouble(), b.getInt(),
          new String(bytes, FIXED, bytes.length - FIXED, StandardCharsets.UTF_8));
    }
  };

  /** Bytes before the status: time, latitude, longitude, altitude. */
  private static final int FIXED = 8 + 8 + 8 + 4;

  /**
   * The encoded form, for the systems that write to Valkey without the codec (the floor):
   * the time in milliseconds, the coordinates as doubles, the altitude, in network order,
   * then the status in UTF-8 (about 35 bytes). A producer of thousands of reports a second
   * sends a form like this one rather than text: the text form of the same report
   * ({@link #text}) took the worker's decoding thread 0.43 us per report (two decimal
   * parses), a fifth of the whole ingest's cost.
   */
  public static byte[] encode(Report r) {
    byte[] status = r.status.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(FIXED + status.length).putLong(r.atMillis).putDouble(r.lat).putDouble(r.lon)
        .putInt(r.altitudeFt).put(status).array();
  }

  /** As text ({@code millis|lat|lon|altitude|status}): the original's tasks carry the report in JSON. */
  public static String text(Report r) {
    return r.atMillis + "|" + r.lat + "|" + r.lon + "|" + r.altitudeFt + "|" + r.status;
  }

  /** Reads {@link #text}. */
  public static Report parse(String text) {
    String[] p = text.split("\\|", 5);
    if (p.length != 5) {
      throw new IllegalArgumentException("not a position report: " + text);
    }
    return new Report(Long.parseLong(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]),
        Integer.parseInt(p[3]), p[4]);
  }
}
