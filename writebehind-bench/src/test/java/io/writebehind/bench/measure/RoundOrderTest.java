package io.writebehind.bench.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class RoundOrderTest {
  @Test
  void comparedSystemsTakeTurnsGoingFirst() {
    assertArrayEquals(new int[] {0, 1}, RoundOrder.of(2, 0));
    assertArrayEquals(new int[] {1, 0}, RoundOrder.of(2, 1));
    assertArrayEquals(new int[] {0, 1}, RoundOrder.of(2, 2));
    assertArrayEquals(new int[] {2, 1, 0}, RoundOrder.of(3, 3));
  }

  @Test
  void oneSystemRunsAlone() {
    assertArrayEquals(new int[] {0}, RoundOrder.of(1, 0));
    assertArrayEquals(new int[] {0}, RoundOrder.of(1, 1));
  }
}
