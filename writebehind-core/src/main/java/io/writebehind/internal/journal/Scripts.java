package io.writebehind.internal.journal;

import io.writebehind.ValkeyConnection;

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
  public static final Script READ_NEW = Script.load("readnew");
  public static final Script DELIVER = Script.load("deliver");
  public static final Script INCREMENT = Script.load("increment");
  public static final Script CHECK = Script.load("check");
  public static final Script SCORE = Script.load("score");
  public static final Script APPEND = Script.load("append");
  public static final Script LEASE = Script.loadAllowingOom("lease");
  public static final Script PROGRESS = Script.load("progress");
  public static final Script DEAD_LETTER = Script.loadAllowingOom("deadletter");
  public static final Script REPLAY = Script.load("replay");
  public static final Script DROP = Script.load("drop");
  public static final Script RESERVE = Script.load("reserve");
  public static final Script SETTLE = Script.load("settle");
  public static final Script ROLLED_BACK = Script.loadAllowingOom("rolledback");

  private Scripts() {}

  /**
   * Loads every script into the server, pipelined and best effort: the first call of each
   * then needs no NOSCRIPT round trip and compile (a miss costs only that fallback).
   */
  public static void preload(ValkeyConnection connection, long timeoutMillis) {
    Script[] all = {WRITE, FILL, ACK, CLAIM, UNCOMMITTED, READ_NEW, DELIVER, INCREMENT, CHECK, SCORE, LEASE, PROGRESS, DEAD_LETTER, REPLAY, DROP, RESERVE, SETTLE};
    java.util.List<java.util.concurrent.CompletableFuture<String>> loads = new java.util.ArrayList<>();
    for (Script s : all) {
      loads.add(s.preload(connection));
    }
    for (java.util.concurrent.CompletableFuture<String> f : loads) {
      try {
        f.get(timeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        return;
      }
    }
  }
}
