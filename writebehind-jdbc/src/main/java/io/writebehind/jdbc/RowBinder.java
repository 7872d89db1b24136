package io.writebehind.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Binds a record's key and value to the parameters of the sink's statements. The sink owns
 * the SQL and the version parameter; the binder only knows the types.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface RowBinder<K, V> {

  /** Binds the key to parameter {@code index}. */
  void bindKey(PreparedStatement ps, int index, K key) throws SQLException;

  /**
   * Binds the value's columns, in the order given to {@code columns(...)}, starting at
   * parameter {@code firstIndex}. Never called with {@code null} (that is a delete).
   */
  void bindValues(PreparedStatement ps, int firstIndex, V value) throws SQLException;

  /**
   * Optional: the value's columns as plain objects, in the order given to {@code
   * columns(...)}, each {@code null} or a String, boxed number, Boolean, UUID, LocalDate,
   * LocalDateTime, LocalTime, OffsetDateTime or Instant. With it, PostgreSQL takes a whole
   * batch of upserts as one statement over arrays (faster, and counted without a second
   * query). {@code null}, the default, binds row by row through {@link #bindValues}.
   */
  default Object[] columnValues(V value) {
    return null;
  }
}
