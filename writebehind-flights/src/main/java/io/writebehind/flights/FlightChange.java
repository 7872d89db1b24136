package io.writebehind.flights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Who changed a flight and why: the {@code user} and {@code comment} of its flight_log row.
 *
 * <p>It travels with the write as the record's meta string, in this format:
 * <pre>{@code {"user":"demo","comment":"Flight delayed by 2 hours due to weather"}}</pre>
 * Both fields are optional. Reading is lenient because meta is free text to the engine:
 * {@code null} or blank meta means user {@value #DEFAULT_USER} and no comment; meta that is
 * not a JSON object is taken whole as the comment. Values longer than the flight_log columns
 * (user 100, comment 200 characters) are cut, not rejected: an over-long audit note must not
 * send a flight update to the dead letters.
 */
public record FlightChange(String user, String comment) {

  public static final String DEFAULT_USER = "writebehind";
  static final int USER_MAX = 100;
  static final int COMMENT_MAX = 200;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  public FlightChange {
    user = user == null || user.isBlank() ? DEFAULT_USER : cut(user, USER_MAX);
    comment = comment == null ? null : cut(comment, COMMENT_MAX);
  }

  public static FlightChange of(String user, String comment) {
    return new FlightChange(user, comment);
  }

  /** The meta string to attach to the write. */
  public String toMeta() {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("user", user);
    if (comment != null) {
      node.put("comment", comment);
    }
    return node.toString();
  }

  /** Reads a record's meta; never fails (see the class comment). */
  public static FlightChange fromMeta(String meta) {
    if (meta == null || meta.isBlank()) {
      return new FlightChange(null, null);
    }
    String trimmed = meta.strip();
    if (trimmed.startsWith("{")) {
      try {
        JsonNode node = MAPPER.readTree(trimmed);
        if (node.isObject()) {
          return new FlightChange(text(node, "user"), text(node, "comment"));
        }
      } catch (JsonProcessingException notJson) {
        // falls through: free text
      }
    }
    return new FlightChange(null, meta);
  }

  /**
   * The comment for a flight_log row that stands for {@code coalesced} writes: the last
   * write's comment with " (N updates coalesced)" appended, cut so the note always fits.
   */
  public String commentFor(int coalesced) {
    if (coalesced <= 1) {
      return comment;
    }
    String note = "(" + coalesced + " updates coalesced)";
    if (comment == null || comment.isEmpty()) {
      return note;
    }
    return cut(comment, COMMENT_MAX - note.length() - 1) + " " + note;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
