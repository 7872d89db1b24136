package io.writebehind.bench.systems;

/**
 * Holds a peer's database writer back while the drain measurement preloads writes, so the
 * drain is timed from a full queue, as ours is (its worker simply starts later).
 */
final class Gate {
  private boolean open = true;

  synchronized void close() {
    open = false;
  }

  synchronized void open() {
    open = true;
    notifyAll();
  }

  synchronized void pass() throws InterruptedException {
    while (!open) {
      wait();
    }
  }
}
