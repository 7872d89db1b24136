package io.writebehind.bench.measure;

/**
 * The order of compared systems within a round: A B, then B A. A drift of the machine
 * during a round (a checkpoint, another tenant's load) then weighs on each system alike
 * over two rounds, where a fixed order would always give it to the one measured second.
 */
public final class RoundOrder {
  private RoundOrder() {}

  /** The indexes 0..count-1, reversed on odd rounds. */
  public static int[] of(int count, int round) {
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      out[i] = round % 2 == 0 ? i : count - 1 - i;
    }
    return out;
  }
}
