package io.writebehind.flights;

import io.writebehind.Codec;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Flight ids as decimal keys; a report as 33 bytes plus its status: a format byte, the time
 * in epoch milliseconds, lat and lon as doubles, altitude and speed as ints, then the status
 * in UTF-8. Compact because every report sits in the journal until a worker copies it, and
 * the latest per flight in the cache; the format byte lets a later layout read old entries.
 */
public final class FlightReportCodec implements Codec<Long, FlightReport> {
  private static final byte FORMAT = 1;
  private static final int FIXED = 1 + 8 + 8 + 8 + 4 + 4;

  @Override
  public String encodeKey(Long key) {
    return Long.toString(key);
  }

  @Override
  public Long decodeKey(String encoded) {
    return Long.parseLong(encoded);
  }

  @Override
  public byte[] encodeValue(FlightReport r) {
    byte[] status = r.status().getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(FIXED + status.length).put(FORMAT).putLong(r.reportedAt().toEpochMilli())
        .putDouble(r.lat()).putDouble(r.lon()).putInt(r.altitudeFt()).putInt(r.speedKt()).put(status).array();
  }

  @Override
  public FlightReport decodeValue(byte[] bytes) {
    if (bytes.length < FIXED || bytes[0] != FORMAT) {
      throw new IllegalArgumentException("not a flight report (" + bytes.length + " bytes, format "
          + (bytes.length == 0 ? "none" : bytes[0]) + ")");
    }
    try {
      ByteBuffer b = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
      Instant at = Instant.ofEpochMilli(b.getLong());
      double lat = b.getDouble();
      double lon = b.getDouble();
      int altitude = b.getInt();
      int speed = b.getInt();
      return new FlightReport(at, lat, lon, altitude, speed,
          new String(bytes, FIXED, bytes.length - FIXED, StandardCharsets.UTF_8));
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("not a flight report: truncated", e);
    }
  }
}
