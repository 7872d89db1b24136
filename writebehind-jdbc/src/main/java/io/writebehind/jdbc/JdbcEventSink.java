package io.writebehind.jdbc;

import io.writebehind.sink.EventBatch;
import io.writebehind.sink.EventSink;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Stores events as rows: the event's id, its key, and a column per value the builder maps
 * from the event. On PostgreSQL a batch is one {@code COPY ... FROM STDIN}; on MariaDB/MySQL
 * a JDBC batch of one prepared {@code INSERT}. Either runs in the transaction that moves the partitions'
 * positions (the table {@value Positions#DEFAULT_TABLE}, shared with counters), so no row
 * needs a conflict check: the position already decides what the database has.
 *
 * <pre>{@code
 * JdbcEventSink<Long, Report> sink = JdbcEventSink.<Long, Report>builder(dataSource, "flight_event")
 *     .idColumn("event_id").keyColumn("flight_id")
 *     .column("reported_at", Report::at).column("altitude_ft", Report::altitude)
 *     .build();
 * }</pre>
 */
public final class JdbcEventSink<K, E> implements EventSink<K, E> {
  /** Rows per JDBC batch on MariaDB/MySQL. */
  private static final int ROWS_PER_BATCH = 5_000;

  private final DataSource dataSource;
  private final Dialect dialect;
  private final List<Function<? super E, ?>> values;
  private final Positions positions;
  private final String copy;
  private final String insert;
  /** Reads no row: a check at build that the table has the columns. */
  private final String columnList;
  /** The COPY's column kinds the last transaction read: what {@link #prepare} encodes with. */
  private volatile CopyBinary.Kind[] kinds;

  private JdbcEventSink(Builder<K, E> b, Dialect dialect) {
    this.dataSource = b.dataSource;
    this.dialect = dialect;
    this.values = List.copyOf(b.columns.values());
    this.positions = new Positions(dialect, b.positionsTable);
    StringBuilder cols = new StringBuilder(Identifiers.quote(dialect, b.idColumn)).append(", ")
        .append(Identifiers.quote(dialect, b.keyColumn));
    StringBuilder marks = new StringBuilder("(?, ?");
    for (String c : b.columns.keySet()) {
      cols.append(", ").append(Identifiers.quote(dialect, c));
      marks.append(", ?");
    }
    String table = Identifiers.quote(dialect, b.table);
    this.copy = "COPY " + table + " (" + cols + ") FROM STDIN";
    this.insert = "INSERT INTO " + table + " (" + cols + ") VALUES " + marks.append(')');
    this.columnList = "SELECT " + cols + " FROM " + table + " WHERE 1 = 0";
  }

  public static <K, E> Builder<K, E> builder(DataSource dataSource, String table) {
    return new Builder<>(dataSource, table);
  }

  /** Builds a {@link JdbcEventSink}; each setting may be made once, each column named once. */
  public static final class Builder<K, E> {
    private final DataSource dataSource;
    private final String table;
    private String idColumn;
    private String keyColumn;
    private String positionsTable;
    private final Map<String, Function<? super E, ?>> columns = new LinkedHashMap<>();

    private Builder(DataSource dataSource, String table) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      this.table = Identifiers.requireQualified("table", table);
    }

    /** The column of the event's id, a BIGINT (default {@code event_id}). */
    public Builder<K, E> idColumn(String name) {
      if (idColumn != null) {
        throw new IllegalStateException("idColumn was already set to " + idColumn);
      }
      idColumn = Identifiers.requireSimple("idColumn", name);
      return this;
    }

    /** The column of the event's key (default {@code event_key}). */
    public Builder<K, E> keyColumn(String name) {
      if (keyColumn != null) {
        throw new IllegalStateException("keyColumn was already set to " + keyColumn);
      }
      keyColumn = Identifiers.requireSimple("keyColumn", name);
      return this;
    }

    /**
     * A column and what of the event goes in it: a number, boolean, string, {@code byte[]},
     * {@code java.time} value, UUID, or null.
     */
    public Builder<K, E> column(String name, Function<? super E, ?> value) {
      Identifiers.requireSimple("column", name);
      Objects.requireNonNull(value, "value");
      if (columns.putIfAbsent(name, value) != null) {
        throw new IllegalArgumentException("column '" + name + "' is named twice");
      }
      return this;
    }

    /** The positions table (default {@value Positions#DEFAULT_TABLE}), shared by every sink of the database. */
    public Builder<K, E> positionsTable(String name) {
      if (positionsTable != null) {
        throw new IllegalStateException("positionsTable was already set to " + positionsTable);
      }
      positionsTable = Identifiers.requireQualified("positionsTable", name);
      return this;
    }

    /** Checks the table and its columns, and creates the positions table if missing. */
    public JdbcEventSink<K, E> build() {
      idColumn = idColumn == null ? "event_id" : idColumn;
      keyColumn = keyColumn == null ? "event_key" : keyColumn;
      positionsTable = positionsTable == null ? Positions.DEFAULT_TABLE : positionsTable;
      Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
      for (String c : columns.keySet()) {
        if (c.equalsIgnoreCase(idColumn) || c.equalsIgnoreCase(keyColumn) || !names.add(c)) {
          throw new IllegalArgumentException("column '" + c + "' is named twice (the id and key columns count)");
        }
      }
      Dialect dialect;
      try {
        dialect = Dialect.of(dataSource);
      } catch (SQLException e) {
        throw new SinkSetupException("cannot reach the database to set up the event sink: " + e.getMessage(), e);
      }
      if (dialect == Dialect.H2) {
        throw new IllegalStateException("events need PostgreSQL or MariaDB/MySQL");
      }
      JdbcEventSink<K, E> sink = new JdbcEventSink<>(this, dialect);
      try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
        try {
          s.executeQuery(sink.columnList).close();
        } catch (SQLException e) {
          throw new SinkSetupException("table " + table + " with columns " + idColumn + ", " + keyColumn
              + (columns.isEmpty() ? "" : ", " + String.join(", ", columns.keySet())) + " cannot be read: "
              + e.getMessage().lines().findFirst().orElse(""), e);
        }
        s.execute(sink.positions.createTable());
      } catch (SQLException e) {
        throw new SinkSetupException("cannot create the positions table " + positionsTable + ": " + e.getMessage(), e);
      }
      return sink;
    }
  }

  @Override
  public java.util.Map<Integer, Long> positions(String namespace, java.util.Collection<Integer> partitions) throws Exception {
    return positions.read(dataSource, namespace, partitions);
  }

  /**
   * A batch's events mapped to rows and, on PostgreSQL, encoded for a binary COPY with the
   * kinds the last transaction read: on the worker's preparing thread, so the transaction of
   * the batch before is not kept waiting for it.
   */
  private record Prepared<K, E>(List<EventBatch.Event<K, E>> events, List<Object[]> rows, CopyBinary.Encoded encoded) {
    /** Whether these are exactly the events to store (the same objects, in the same order). */
    boolean covers(List<EventBatch.Event<K, E>> toStore) {
      if (toStore.size() != events.size()) {
        return false;
      }
      for (int i = 0; i < events.size(); i++) {
        if (toStore.get(i) != events.get(i)) {
          return false;
        }
      }
      return true;
    }
  }

  /** A column's function that fails on an event throws here; the worker then leaves the work to {@link #apply}. */
  @Override
  public Object prepare(List<EventBatch.Event<K, E>> events) {
    List<Object[]> rows = rows(events);
    return new Prepared<>(events, rows, dialect == Dialect.POSTGRESQL ? CopyBinary.encoded(kinds, rows) : null);
  }

  @Override
  public Set<Integer> apply(EventBatch<K, E> batch) throws SQLException {
    return apply(batch, null);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Set<Integer> apply(EventBatch<K, E> batch, Object prepared) throws SQLException {
    if (batch.runs().isEmpty()) {
      return Set.of();
    }
    return Transactions.inTransaction(dataSource, c -> {
      List<Positions.Span> spans = new ArrayList<>();
      batch.runs().forEach(r -> spans.add(new Positions.Span(r.partition(), r.after(), r.last())));
      Positions.Plan plan = positions.plan(c, batch.namespace(), spans);
      List<EventBatch.Event<K, E>> events = batch.newEvents(plan.applying());
      if (!events.isEmpty()) {
        Prepared<K, E> ready = prepared instanceof Prepared<?, ?> p && ((Prepared<K, E>) p).covers(events)
            ? (Prepared<K, E>) p : null;
        store(c, ready != null ? ready.rows() : rows(events), ready != null ? ready.encoded() : null);
      }
      if (!plan.moves().isEmpty()) {
        positions.advance(c, batch.namespace(), plan.moves());
      }
      return plan.gaps();
    });
  }

  private List<Object[]> rows(List<EventBatch.Event<K, E>> events) {
    List<Object[]> rows = new ArrayList<>(events.size());
    for (EventBatch.Event<K, E> e : events) {
      Object[] row = new Object[2 + values.size()];
      row[0] = e.id();
      row[1] = e.key();
      for (int i = 0; i < values.size(); i++) {
        row[2 + i] = values.get(i).apply(e.event());
      }
      rows.add(row);
    }
    return rows;
  }

  private void store(Connection c, List<Object[]> rows, CopyBinary.Encoded encoded) throws SQLException {
    if (dialect == Dialect.POSTGRESQL) {
      // read in each transaction, so a table altered meanwhile is never sent a stale form
      CopyBinary.Kind[] now = CopyBinary.kinds(c, copy);
      kinds = now;
      PgCopy.copy(c, copy, rows, now, encoded);
      return;
    }
    // MariaDB Connector/J sends a batch of one prepared INSERT with its bulk protocol: in the
    // bench twice the rate of multi-row INSERTs, and faster than LOAD DATA LOCAL INFILE.
    int width = 2 + values.size();
    try (PreparedStatement ps = c.prepareStatement(insert)) {
      for (int i = 0; i < rows.size(); i++) {
        Object[] row = rows.get(i);
        for (int j = 0; j < width; j++) {
          ps.setObject(j + 1, row[j]);
        }
        ps.addBatch();
        if ((i + 1) % ROWS_PER_BATCH == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
  }
}
