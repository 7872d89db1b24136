package io.writebehind.bench;

/**
 * Where long steps report how far they are; the CLI draws a progress bar, tests print nothing.
 */
public interface Progress {
  Progress NONE = new Progress() {
    @Override
    public void step(String label, long total) {}

    @Override
    public void update(long done) {}

    @Override
    public void done() {}
  };

  /** A new step of {@code total} units begins. */
  void step(String label, long total);

  void update(long done);

  void done();

  /** A line for the user (what runs now, a skipped system). */
  default void note(String line) {
    System.err.println(line);
  }
}
