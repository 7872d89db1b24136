package io.writebehind.bench;

/** Error text for notes: the root cause's first line, which is what a user can act on. */
final class Errors {
  private Errors() {}

  static String message(Throwable e) {
    Throwable c = e;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    String m = c.getMessage() == null ? c.toString() : c.getClass().getSimpleName() + ": " + c.getMessage();
    return m.lines().findFirst().orElse(m);
  }
}
