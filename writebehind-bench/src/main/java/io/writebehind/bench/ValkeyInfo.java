package io.writebehind.bench;

/** Reads one field of an INFO reply ({@code name:value} lines). */
public final class ValkeyInfo {
  private ValkeyInfo() {}

  /** The field's value, or null if the section has no such field. */
  public static String field(String info, String name) {
    for (String line : info.split("\r?\n")) {
      if (line.startsWith(name + ":")) {
        return line.substring(name.length() + 1).trim();
      }
    }
    return null;
  }
}
