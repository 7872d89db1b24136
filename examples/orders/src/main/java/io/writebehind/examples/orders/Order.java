package io.writebehind.examples.orders;

// tag::order[]
import java.util.Objects;

/** An order as the service keeps it: its status and its total in cents. */
public record Order(String status, long totalCents) {
  public Order {
    Objects.requireNonNull(status, "status");
  }
}
// end::order[]
