package io.writebehind.examples.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OrderCodecTest {
  private final OrderCodec codec = new OrderCodec();

  @Test
  void everyStatusRoundTrips() {
    List<String> statuses = List.of("", "new", "\n", "\n\n1\n", "12\nnew", "-5", "a=b\\n", "gift: \"wrap it\"\r\n",
        "Zürich 東京 🚚", " leading and trailing ", "\u0000");
    for (String status : statuses) {
      for (long total : new long[] {0, 1, -1, 2_499, Long.MAX_VALUE, Long.MIN_VALUE}) {
        Order order = new Order(status, total);
        assertEquals(order, codec.decodeValue(codec.encodeValue(order)), () -> "status " + status);
      }
    }
  }

  @Test
  void randomWellFormedStatusesRoundTrip() {
    Random random = new Random(115);
    for (int i = 0; i < 2_000; i++) {
      StringBuilder s = new StringBuilder();
      for (int n = random.nextInt(40); n > 0; n--) {
        int cp;
        do {
          cp = random.nextInt(4) == 0 ? random.nextInt(0x11_0000) : random.nextInt(0x80);
        } while (cp >= 0xD800 && cp <= 0xDFFF);
        s.appendCodePoint(cp);
      }
      Order order = new Order(s.toString(), random.nextLong());
      assertEquals(order, codec.decodeValue(codec.encodeValue(order)));
    }
  }

  @Test
  void aStatusThatIsNotTextIsRefusedRatherThanChanged() {
    assertThrows(IllegalArgumentException.class, () -> codec.encodeValue(new Order("half \uD800 a pair", 1)));
  }

  @Test
  void keysAreDecimalText() {
    for (long id : new long[] {0, 1001, -7, Long.MAX_VALUE, Long.MIN_VALUE}) {
      assertEquals(Long.toString(id), codec.encodeKey(id));
      assertEquals(id, codec.decodeKey(codec.encodeKey(id)));
    }
  }
}
