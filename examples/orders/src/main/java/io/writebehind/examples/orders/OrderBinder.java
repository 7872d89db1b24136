package io.writebehind.examples.orders;

// tag::binder[]
import io.writebehind.jdbc.RowBinder;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Binds an order to the sink's statements: the id, then columns("status", "total_cents"). */
public final class OrderBinder implements RowBinder<Long, Order> {

  @Override
  public void bindKey(PreparedStatement ps, int index, Long id) throws SQLException {
    ps.setLong(index, id);
  }

  @Override
  public void bindValues(PreparedStatement ps, int firstIndex, Order order) throws SQLException {
    ps.setString(firstIndex, order.status());
    ps.setLong(firstIndex + 1, order.totalCents());
  }

  /** Optional: the same columns as plain objects let PostgreSQL take a batch in one statement. */
  @Override
  public Object[] columnValues(Order order) {
    return new Object[] {order.status(), order.totalCents()};
  }
}
// end::binder[]
