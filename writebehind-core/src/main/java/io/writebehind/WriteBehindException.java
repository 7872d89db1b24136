package io.writebehind;

/** The root of everything the engine throws; specific failures are subtypes. */
public class WriteBehindException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WriteBehindException(String message) {
    super(message);
  }

  public WriteBehindException(String message, Throwable cause) {
    super(message, cause);
  }
}
