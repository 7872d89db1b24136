package io.writebehind.jdbc;

/** Parameter markers for IN lists and VALUES rows. */
final class Placeholders {
  private Placeholders() {}

  /** {@code ?, ?, ?} with {@code n} markers. */
  static String list(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, was " + n);
    }
    StringBuilder b = new StringBuilder(n * 3);
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "?" : ", ?");
    }
    return b.toString();
  }
}
