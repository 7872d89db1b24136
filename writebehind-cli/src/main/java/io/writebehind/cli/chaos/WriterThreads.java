package io.writebehind.cli.chaos;

/** The writer threads of a chaos run, whatever they write: stopped at the run's end or by its cleanup. */
public interface WriterThreads {
  void stop() throws InterruptedException;

  /** Writes that failed (not acknowledged). */
  long errors();

  /** The last failure's class and first line, or null. */
  String lastError();
}
