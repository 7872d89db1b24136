package io.writebehind.examples.orders;

// tag::codec[]
import io.writebehind.Codec;
import java.nio.charset.StandardCharsets;

/**
 * Order ids as decimal text (the cache key), orders as UTF-8 text: the total, a newline,
 * then the status. The total never holds a newline, so the status may hold anything.
 */
public final class OrderCodec implements Codec<Long, Order> {

  @Override
  public String encodeKey(Long id) {
    return Long.toString(id);
  }

  @Override
  public Long decodeKey(String encoded) {
    return Long.parseLong(encoded);
  }

  @Override
  public byte[] encodeValue(Order order) {
    String text = order.totalCents() + "\n" + order.status();
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (!new String(bytes, StandardCharsets.UTF_8).equals(text)) { // a lone surrogate: not text
      throw new IllegalArgumentException("status is not valid Unicode text");
    }
    return bytes;
  }

  @Override
  public Order decodeValue(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    int newline = text.indexOf('\n');
    return new Order(text.substring(newline + 1), Long.parseLong(text.substring(0, newline)));
  }
}
// end::codec[]
