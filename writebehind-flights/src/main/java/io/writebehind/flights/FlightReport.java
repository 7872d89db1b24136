package io.writebehind.flights;

import java.time.Instant;
import java.util.Objects;

/**
 * A position report of an airborne flight, one every few seconds: an event appended, never
 * overwritten; the flight is its key. {@code status} is short text (at most
 * {@value #MAX_STATUS} characters: the column's width), such as {@code climb} or {@code cruise}.
 */
public record FlightReport(Instant reportedAt, double lat, double lon, int altitudeFt, int speedKt, String status) {
  public static final int MAX_STATUS = 16;

  public FlightReport {
    Objects.requireNonNull(reportedAt, "reportedAt");
    Objects.requireNonNull(status, "status");
    if (status.length() > MAX_STATUS) {
      throw new IllegalArgumentException("status is at most " + MAX_STATUS + " characters, was '" + status + "'");
    }
  }

  /**
   * A plausible report of the flight at the time, for loads and demos: each flight flies its
   * own heading from its own start at 450 kt over a 90-minute cycle (climb, cruise,
   * descent), so successive reports of a flight move on and the latest is recognisably so.
   */
  public static FlightReport airborne(long flightId, Instant at) {
    long h = flightId * 0x9E3779B97F4A7C15L;
    double lat0 = 30 + Math.floorMod(h, 25);
    double lon0 = -10 + Math.floorMod(h >>> 8, 40);
    double heading = Math.toRadians(Math.floorMod(h >>> 16, 360));
    long cycle = 90 * 60_000L;
    double minutes = Math.floorMod(at.toEpochMilli() + Math.floorMod(h >>> 24, cycle), cycle) / 60_000.0;
    double nm = minutes * 450 / 60;
    double lat = lat0 + nm / 60 * Math.cos(heading);
    double lon = lon0 + nm / 60 * Math.sin(heading) / Math.cos(Math.toRadians(lat0));
    String status;
    int altitude;
    int speed;
    if (minutes < 20) {
      status = "climb";
      altitude = (int) (minutes * 1800);
      speed = 250 + (int) (minutes * 10);
    } else if (minutes < 70) {
      status = "cruise";
      altitude = 36_000;
      speed = 450;
    } else {
      status = "descent";
      altitude = (int) ((90 - minutes) * 1800);
      speed = 450 - (int) ((minutes - 70) * 10);
    }
    return new FlightReport(at, Math.round(lat * 1e5) / 1e5, Math.round(lon * 1e5) / 1e5, altitude, speed, status);
  }
}
