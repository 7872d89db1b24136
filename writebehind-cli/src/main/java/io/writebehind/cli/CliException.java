package io.writebehind.cli;

/**
 * A failure the user can act on: printed as one line, no stack trace, with its exit code.
 * 2 = bad input, 3 = a server cannot be reached, 1 = anything else.
 */
public class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  public static final int BAD_INPUT = 2;
  public static final int UNREACHABLE = 3;
  public static final int FAILED = 1;

  private final int exitCode;

  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public static CliException badInput(String message) {
    return new CliException(BAD_INPUT, message);
  }

  public int exitCode() {
    return exitCode;
  }
}
