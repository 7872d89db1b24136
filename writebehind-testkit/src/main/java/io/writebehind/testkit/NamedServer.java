package io.writebehind.testkit;

/** A server the engine suite is parameterised over; {@code toString()} is the name (JUnit display). */
public record NamedServer(String name, String url) {
  @Override
  public String toString() {
    return name;
  }
}
