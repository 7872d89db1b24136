package io.writebehind.spring;

/** A {@code writebehind.*} property the engine refused; the message names the property. */
public class WriteBehindConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String property;

  public WriteBehindConfigException(String property, String problem) {
    this(property, problem, null);
  }

  public WriteBehindConfigException(String property, String problem, Throwable cause) {
    super(property + ": " + problem, cause);
    this.property = property;
  }

  /** The property at fault, e.g. {@code writebehind.partitions}. */
  public String property() {
    return property;
  }
}
