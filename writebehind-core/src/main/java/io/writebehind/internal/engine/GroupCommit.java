package io.writebehind.internal.engine;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Shares one WAIT (or WAITAOF) among the writes that need one on the same primary.
 *
 * <p>WAIT covers what its connection sent before it, so a write may only share a WAIT sent
 * after the write was acknowledged. A write that asks while a WAIT is out therefore never
 * joins that one: it joins the next, which goes out the moment the one in flight returns
 * and answers every write that joined it. Per primary at most one WAIT is in flight and one
 * queued, so under load the WAITs sent per second stay near one per replication round trip
 * however many writers there are, and a write waits at most two WAITs.
 *
 * @param <R> what a WAIT answers
 */
final class GroupCommit<R> {
  private final Map<String, Node<R>> nodes = new ConcurrentHashMap<>();

  /**
   * The answer of a WAIT sent after this call, to {@code node}: the one queued behind the
   * WAIT in flight, or a new one sent now by {@code send} when none is in flight.
   */
  CompletableFuture<R> await(String node, Supplier<CompletableFuture<R>> send) {
    Node<R> n = nodes.computeIfAbsent(node, k -> new Node<>());
    CompletableFuture<R> answer;
    synchronized (n) {
      if (n.inFlight) {
        if (n.queued == null) {
          n.queued = new CompletableFuture<>();
          n.queuedSend = send;
        }
        return n.queued;
      }
      n.inFlight = true;
      answer = new CompletableFuture<>();
    }
    launch(n, send, answer);
    return answer;
  }

  private void launch(Node<R> n, Supplier<CompletableFuture<R>> send, CompletableFuture<R> answer) {
    CompletableFuture<R> sent;
    try {
      sent = send.get();
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    sent.whenComplete((r, e) -> {
      CompletableFuture<R> next;
      Supplier<CompletableFuture<R>> nextSend;
      synchronized (n) {
        next = n.queued;
        nextSend = n.queuedSend;
        n.queued = null;
        n.queuedSend = null;
        n.inFlight = next != null;
      }
      // The queued WAIT goes out before this one's writers resume, so their next writes queue behind it.
      if (next != null) {
        launch(n, nextSend, next);
      }
      if (e == null) {
        answer.complete(r);
      } else {
        answer.completeExceptionally(e);
      }
    });
  }

  private static final class Node<R> {
    boolean inFlight;
    CompletableFuture<R> queued;
    Supplier<CompletableFuture<R>> queuedSend;
  }
}
