package io.writebehind.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Blocking waits on the engine's futures, with its exceptions unwrapped. */
final class Await {
  private Await() {}

  static <T> T get(CompletableFuture<T> future, long timeoutMillis, String what) {
    try {
      return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WriteBehindException(what + " interrupted", e);
    } catch (TimeoutException e) {
      throw new WriteBehindException(what + " timed out after " + timeoutMillis + " ms", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof WriteBehindException w) {
        throw w;
      }
      throw new WriteBehindException(what + " failed: " + cause.getMessage(), cause);
    }
  }
}
