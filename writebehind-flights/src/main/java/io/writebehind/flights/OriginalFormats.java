package io.writebehind.flights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

/**
 * What the original workshop demo keeps in Valkey: its queue, a list of update tasks
 * {@code {"flight_id", "new_departure", "new_arrival", "user", "comment", "queued_at"}}, and
 * its cache, a string key {@code flight:<id>} holding the joined flight row as JSON.
 */
public final class OriginalFormats {
  /** The original's queue (a list: RPUSH to queue, LPOP to take). */
  public static final String QUEUE = "flight_updates_queue";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private OriginalFormats() {}

  /** One task of the original's queue: new times for a flight, and who changed them why. */
  public record Task(long flightId, LocalDateTime newDeparture, LocalDateTime newArrival, String user, String comment) {
    /** The flight_log user and comment our write carries. */
    public FlightChange change() {
      return FlightChange.of(user, comment);
    }
  }

  /**
   * Reads a task.
   *
   * @throws IllegalArgumentException naming what is wrong when it is not one
   */
  public static Task task(byte[] json) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON");
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    return new Task(flightId(node.get("flight_id")), time(node, "new_departure"), time(node, "new_arrival"),
        text(node, "user"), text(node, "comment"));
  }

  private static long flightId(JsonNode id) {
    if (id != null && id.isIntegralNumber() && id.canConvertToLong() && id.asLong() > 0) {
      return id.asLong();
    }
    if (id != null && id.isTextual() && id.asText().strip().matches("[1-9][0-9]{0,17}")) {
      return Long.parseLong(id.asText().strip());
    }
    throw new IllegalArgumentException("no flight_id (a positive integer)");
  }

  /** Python's isoformat(): "2025-10-01T13:19:00", with a space instead of the T from str(). */
  private static LocalDateTime time(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("no " + field);
    }
    try {
      return LocalDateTime.parse(v.asText().strip().replace(' ', 'T'));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(field + " is not a date-time: " + v.asText());
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** The original's cache key of a flight. */
  public static String cacheKey(long flightId) {
    return "flight:" + flightId;
  }

  /**
   * Whether a string value is the original's cached flight {@code flightId}: a JSON object
   * whose flight_id is that flight and that has its departure and arrival.
   */
  public static boolean isCachedFlight(byte[] value, long flightId) {
    try {
      JsonNode node = MAPPER.readTree(value);
      return node != null && node.isObject() && node.path("flight_id").canConvertToLong()
          && node.path("flight_id").asLong() == flightId && node.path("flight_id").isIntegralNumber()
          && node.hasNonNull("departure") && node.hasNonNull("arrival");
    } catch (IOException e) {
      return false;
    }
  }
}
