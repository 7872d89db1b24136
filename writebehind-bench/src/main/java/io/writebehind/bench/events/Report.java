package io.writebehind.bench.events;

import io.writebehind.Codec;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The event the events bench appends: a flight's position report, as an airborne flight
 * sends one every few seconds. Encoded as text of about 45 bytes
 * ({@code millis|lat|lon|altitude|status}), so every system moves the same bytes.
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

  /** Flight ids as decimal keys, reports as the text above. */
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
      String[] p = new String(bytes, StandardCharsets.UTF_8).split("\\|", 5);
      if (p.length != 5) {
        throw new IllegalArgumentException("not a position report: " + new String(bytes, StandardCharsets.UTF_8));
      }
      return new Report(Long.parseLong(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]),
          Integer.parseInt(p[3]), p[4]);
    }
  };

  /** The encoded form, for the systems that write to Valkey without the codec (the floor, the original). */
  public static byte[] encode(Report r) {
    return (r.atMillis + "|" + r.lat + "|" + r.lon + "|" + r.altitudeFt + "|" + r.status)
        .getBytes(StandardCharsets.UTF_8);
  }
}
