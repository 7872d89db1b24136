package io.writebehind.journal;

/**
 * The engine's server-side steps; each runs atomically in one round trip. The ones that let
 * a worker drain (take a partition, commit a batch, move a dead letter) run under
 * {@code noeviction} when memory is full: draining is what frees it.
 */
public final class Scripts {
  public static final Script WRITE = Script.load("write");
  public static final Script FILL = Script.load("fill");
  public static final Script ACK = Script.loadAllowingOom("ack");
  public static final Script CLAIM = Script.loadAllowingOom("claim");
  public static final Script UNCOMMITTED = Script.load("uncommitted");
  public static final Script LEASE = Script.loadAllowingOom("lease");
  public static final Script PROGRESS = Script.load("progress");
  public static final Script DEAD_LETTER = Script.loadAllowingOom("deadletter");
  public static final Script REPLAY = Script.load("replay");
  public static final Script DROP = Script.load("drop");
  public static final Script RESERVE = Script.load("reserve");
  public static final Script SETTLE = Script.load("settle");

  private Scripts() {}
}
