package io.writebehind.internal.engine;

import io.writebehind.WriteBehindException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Blocking waits on the engine's futures, with its exceptions unwrapped. */
final class Await {
  private Await() {}

  /**
   * Waits for a write. When the wait runs out the write is abandoned (no retry starts after
   * this) and, having been sent, has an unknown outcome.
   */
  static <T> T write(CompletableFuture<T> future, long timeoutMillis, String what) {
    try {
      return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(false);
      if (future.isCancelled()) {
        throw WritePath.outcomeUnknown(what, timeoutMillis, e);
      }
      return get(future, 0, what);
    } catch (InterruptedException | ExecutionException e) {
      return get(future, 0, what);
    }
  }

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
