package io.writebehind.journal;

/** The engine's server-side steps; each runs atomically in one round trip. */
public final class Scripts {
  public static final Script WRITE = Script.load("write");
  public static final Script FILL = Script.load("fill");
  public static final Script ACK = Script.load("ack");
  public static final Script CLAIM = Script.load("claim");
  public static final Script UNCOMMITTED = Script.load("uncommitted");
  public static final Script LEASE = Script.load("lease");
  public static final Script PROGRESS = Script.load("progress");
  public static final Script DEAD_LETTER = Script.load("deadletter");
  public static final Script REPLAY = Script.load("replay");
  public static final Script DROP = Script.load("drop");
  public static final Script RESERVE = Script.load("reserve");
  public static final Script SETTLE = Script.load("settle");

  private Scripts() {}
}
