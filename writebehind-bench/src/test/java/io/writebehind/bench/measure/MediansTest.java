package io.writebehind.bench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MediansTest {
  @Test
  void anOddCountGivesTheMiddleRoundWhateverTheOrder() {
    assertEquals(20.0, Medians.lower(List.of(30.0, 10.0, 20.0)));
    assertEquals(7.0, Medians.lower(List.of(7.0)));
  }

  @Test
  void anEvenCountGivesTheLowerOfTheMiddleTwo() {
    assertEquals(10.0, Medians.lower(List.of(40.0, 10.0)));
    assertEquals(20.0, Medians.lower(List.of(30.0, 5.0, 20.0, 90.0)));
  }

  @Test
  void noRoundsIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> Medians.lower(List.of()));
  }
}
