package io.writebehind;

/** The root of everything the engine throws; specific failures are subtypes. */
public class WriteBehindException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure, said in one sentence. */
  public WriteBehindException(String message) {
    super(message);
  }

  /** A failure, said in one sentence, with its cause. */
  public WriteBehindException(String message, Throwable cause) {
    super(message, cause);
  }
}
