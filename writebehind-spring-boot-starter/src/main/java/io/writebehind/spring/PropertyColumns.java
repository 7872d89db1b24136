package io.writebehind.spring;

import io.writebehind.jdbc.RowBinder;
import java.beans.PropertyDescriptor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.BeanUtils;

/**
 * Binds a cache's values to table columns: each column from the value's property of the same
 * name ({@code departure_time} from {@code departureTime}, a record component or a getter),
 * or, with no columns listed, the whole value as JSON in one text column. Keys are bound as
 * they are (the cache converted them to its key type).
 */
final class PropertyColumns implements RowBinder<Object, Object> {
  private final List<Method> readers;
  private final JsonCodec json;

  private PropertyColumns(List<Method> readers, JsonCodec json) {
    this.readers = readers;
    this.json = json;
  }

  /** The value as JSON in one column. */
  static PropertyColumns json(JsonCodec codec) {
    return new PropertyColumns(null, codec);
  }

  /**
   * Each column from a property of {@code valueType}.
   *
   * @throws IllegalArgumentException naming the column that has no property
   */
  static PropertyColumns properties(String cacheName, Class<?> valueType, List<String> columns) {
    List<Method> readers = new ArrayList<>();
    for (String column : columns) {
      String property = camel(column);
      Method reader = reader(valueType, property);
      if (reader == null) {
        throw new IllegalArgumentException("writebehind.caches." + cacheName + ".columns: column '" + column
            + "' has no property '" + property + "' in " + valueType.getName());
      }
      readers.add(reader);
    }
    return new PropertyColumns(readers, null);
  }

  static String camel(String column) {
    StringBuilder b = new StringBuilder();
    boolean up = false;
    for (char c : column.toCharArray()) {
      if (c == '_') {
        up = true;
      } else {
        b.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return b.toString();
  }

  private static Method reader(Class<?> type, String property) {
    if (type.isRecord()) {
      for (RecordComponent rc : type.getRecordComponents()) {
        if (rc.getName().equals(property)) {
          return rc.getAccessor();
        }
      }
      return null;
    }
    PropertyDescriptor pd = BeanUtils.getPropertyDescriptor(type, property);
    return pd == null ? null : pd.getReadMethod();
  }

  @Override
  public void bindKey(PreparedStatement ps, int index, Object key) throws SQLException {
    ps.setObject(index, key);
  }

  @Override
  public void bindValues(PreparedStatement ps, int firstIndex, Object value) throws SQLException {
    if (readers == null) {
      ps.setObject(firstIndex, json.json(value), Types.VARCHAR);
      return;
    }
    Object[] values = read(value);
    for (int i = 0; i < values.length; i++) {
      // pgjdbc and MariaDB's driver take OffsetDateTime, not Instant
      Object v = values[i] instanceof Instant t ? OffsetDateTime.ofInstant(t, ZoneOffset.UTC) : values[i];
      v = v instanceof Enum<?> e ? e.name() : v;
      ps.setObject(firstIndex + i, v);
    }
  }

  @Override
  public Object[] columnValues(Object value) {
    if (readers == null) {
      return new Object[] {json.json(value)};
    }
    Object[] values = read(value);
    for (int i = 0; i < values.length; i++) {
      values[i] = values[i] instanceof Enum<?> e ? e.name() : values[i];
    }
    return values;
  }

  private Object[] read(Object value) {
    Object[] out = new Object[readers.size()];
    for (int i = 0; i < out.length; i++) {
      try {
        out[i] = readers.get(i).invoke(value);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + readers.get(i) + " of " + value.getClass().getName(), e);
      }
    }
    return out;
  }
}
