package io.writebehind.jdbc;

import io.writebehind.sink.BoardRows;
import io.writebehind.sink.CounterRow;
import io.writebehind.sink.CounterSink;
import io.writebehind.sink.DeltaBatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Adds counters' deltas to a table whose columns are the counters' fields:
 * {@code INSERT ... ON CONFLICT (key) DO UPDATE SET n = COALESCE(t.n, 0) + EXCLUDED.n}
 * (PostgreSQL) or {@code ON DUPLICATE KEY UPDATE} (MariaDB), creating missing rows. Never
 * writes a total, so other writers of the same rows keep their changes. Positions live in a
 * table of the sink's own ({@value Positions#DEFAULT_TABLE}), created if missing, and move in
 * the transaction that adds the deltas.
 *
 * @param <K> key type, bound with {@code setObject}
 */
public final class JdbcCounterSink<K> implements CounterSink<K> {
  private final DataSource dataSource;
  private final Dialect dialect;
  private final String table;
  private final String keyColumn;
  private final Positions positions;
  private final Map<List<String>, String> upserts = new java.util.concurrent.ConcurrentHashMap<>();
  /** PostgreSQL's one-statement form of the upsert, per field list; empty elsewhere. */
  private final Map<List<String>, PgCounterUpsert> arrayUpserts = new java.util.concurrent.ConcurrentHashMap<>();

  private final String boards;

  private JdbcCounterSink(DataSource dataSource, Dialect dialect, String table, String keyColumn, String positionsTable,
      String boardsTable) {
    this.boards = boardsTable;
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.table = table;
    this.keyColumn = keyColumn;
    this.positions = new Positions(dialect, positionsTable);
  }

  /** A sink adding to {@code table} (its primary key {@code keyColumn}). */
  public static <K> Builder<K> builder(DataSource dataSource, String table, String keyColumn) {
    return new Builder<>(dataSource, table, keyColumn);
  }

  /** Settings of a {@link JdbcCounterSink}; {@link #build} creates the positions table if missing. */
  public static final class Builder<K> {
    private final DataSource dataSource;
    private final String table;
    private final String keyColumn;
    private String positionsTable = Positions.DEFAULT_TABLE;
    private boolean positionsSet;
    private String boardsTable;

    private Builder(DataSource dataSource, String table, String keyColumn) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource must not be null");
      this.table = Identifiers.requireQualified("table", table);
      this.keyColumn = Identifiers.requireSimple("keyColumn", keyColumn);
    }

    /** The positions table (default {@value Positions#DEFAULT_TABLE}), shared by every sink of the database. */
    public Builder<K> positionsTable(String name) {
      if (positionsSet) {
        throw new IllegalStateException("positionsTable was already set to " + positionsTable);
      }
      positionsSet = true;
      this.positionsTable = Identifiers.requireQualified("positionsTable", name);
      return this;
    }

    /**
     * The leaderboards' table: {@code (board VARCHAR(64), member <the key's type>, score
     * BIGINT, PRIMARY KEY (board, member))}, the caller's. Members are bound with
     * {@code setObject} and read back with {@code getObject}, so the member column's Java
     * type must be the key type.
     */
    public Builder<K> leaderboardTable(String name) {
      if (boardsTable != null) {
        throw new IllegalStateException("leaderboardTable was already set to " + boardsTable);
      }
      this.boardsTable = Identifiers.requireQualified("leaderboardTable", name);
      return this;
    }

    public JdbcCounterSink<K> build() {
      Dialect dialect;
      try {
        dialect = Dialect.of(dataSource);
      } catch (SQLException e) {
        throw new SinkSetupException("cannot reach the database to set up the counter sink: " + e.getMessage(), e);
      }
      if (dialect == Dialect.H2) {
        throw new IllegalStateException("counters need PostgreSQL or MariaDB/MySQL");
      }
      JdbcCounterSink<K> sink = new JdbcCounterSink<>(dataSource, dialect, table, keyColumn, positionsTable, boardsTable);
      try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
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

  @Override
  public Set<Integer> apply(DeltaBatch<K> batch) throws SQLException {
    if (batch.runs().isEmpty()) {
      return Set.of();
    }
    return Transactions.inTransaction(dataSource, c -> {
      List<Positions.Span> spans = new ArrayList<>();
      batch.runs().forEach(r -> spans.add(new Positions.Span(r.partition(), r.after(), r.last())));
      Positions.Plan plan = positions.plan(c, batch.namespace(), spans);
      Map<Integer, Long> applying = plan.applying();
      Map<K, long[]> sums = batch.sums(applying);
      if (!sums.isEmpty()) {
        add(c, batch.fields(), sums);
      }
      Map<String, Map<K, Long>> scores = batch.scoreSums(applying);
      if (!scores.isEmpty()) {
        addScores(c, scores);
      }
      if (!plan.moves().isEmpty()) {
        positions.advance(c, batch.namespace(), plan.moves());
      }
      return plan.gaps();
    });
  }

  private void add(Connection c, List<String> fields, Map<K, long[]> sums) throws SQLException {
    if (dialect == Dialect.POSTGRESQL
        && arrayUpserts.computeIfAbsent(fields, f -> new PgCounterUpsert(table, keyColumn, f)).apply(c, sums)) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(upserts.computeIfAbsent(fields, this::upsert))) {
      for (Map.Entry<K, long[]> e : sums.entrySet()) {
        ps.setObject(1, e.getKey());
        long[] v = e.getValue();
        for (int i = 0; i < v.length; i++) {
          ps.setLong(2 + i, v[i]);
        }
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private void addScores(Connection c, Map<String, Map<K, Long>> scores) throws SQLException {
    if (boards == null) {
      throw new IllegalStateException("the batch holds leaderboard deltas and this sink has no leaderboardTable");
    }
    String t = Identifiers.quote(dialect, boards);
    String insert = "INSERT INTO " + t + " (board, member, score) VALUES (?, ?, ?)";
    String sql = dialect == Dialect.MARIADB
        ? insert + " ON DUPLICATE KEY UPDATE score = COALESCE(score, 0) + VALUES(score)"
        : insert + " ON CONFLICT (board, member) DO UPDATE SET score = COALESCE(" + t + ".score, 0) + EXCLUDED.score";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (Map.Entry<String, Map<K, Long>> board : scores.entrySet()) {
        for (Map.Entry<K, Long> m : board.getValue().entrySet()) {
          ps.setString(1, board.getKey());
          ps.setObject(2, m.getKey());
          ps.setLong(3, m.getValue());
          ps.addBatch();
        }
      }
      ps.executeBatch();
    }
  }

  private String upsert(List<String> fields) {
    String t = Identifiers.quote(dialect, table);
    StringBuilder cols = new StringBuilder(Identifiers.quote(dialect, keyColumn));
    StringBuilder marks = new StringBuilder("?");
    for (String f : fields) {
      cols.append(", ").append(Identifiers.quote(dialect, Identifiers.requireSimple("field", f)));
      marks.append(", ?");
    }
    String set = addDeltas(dialect, t, fields);
    String insert = "INSERT INTO " + t + " (" + cols + ") VALUES (" + marks + ")";
    return dialect == Dialect.MARIADB ? insert + " ON DUPLICATE KEY UPDATE " + set
        : insert + " ON CONFLICT (" + Identifiers.quote(dialect, keyColumn) + ") DO UPDATE SET " + set;
  }

  /**
   * The update clause that adds each field's incoming delta to the row's total, for both the
   * row-per-statement batch and PostgreSQL's one {@code unnest} statement.
   */
  static String addDeltas(Dialect dialect, String quotedTable, List<String> fields) {
    StringBuilder set = new StringBuilder();
    for (String f : fields) {
      String q = Identifiers.quote(dialect, Identifiers.requireSimple("field", f));
      if (set.length() > 0) {
        set.append(", ");
      }
      // A NULL total counts as 0: NULL + n would drop the deltas.
      set.append(q).append(" = COALESCE(")
          .append(dialect == Dialect.MARIADB ? q : quotedTable + "." + q).append(", 0) + ")
          .append(dialect == Dialect.MARIADB ? "VALUES(" + q + ")" : "EXCLUDED." + q);
    }
    return set.toString();
  }

  /**
   * One statement, so one snapshot (PostgreSQL's per statement, InnoDB's consistent read):
   * the position and the row must be seen together, or a commit between two reads would
   * count its deltas twice (in the row, and again from the journal after the older
   * position). The position's join comes first: a missing row still returns it.
   */
  @Override
  public CounterRow load(String namespace, int partition, K key, List<String> fields) throws SQLException {
    StringBuilder cols = new StringBuilder();
    for (String f : fields) {
      cols.append(", t.").append(Identifiers.quote(dialect, Identifiers.requireSimple("field", f)));
    }
    String sql = "SELECT pos.position" + cols + " FROM (SELECT 1 AS one) x"
        + positions.joinOn("pos") + " LEFT JOIN " + Identifiers.quote(dialect, table) + " t ON t."
        + Identifiers.quote(dialect, keyColumn) + " = ?";
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, namespace);
      ps.setInt(2, partition);
      ps.setObject(3, key);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        Map<String, Long> totals = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
          totals.put(fields.get(i), rs.getLong(2 + i));
        }
        return new CounterRow(totals, rs.getLong(1));
      }
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public BoardRows<K> loadBoard(String namespace, int partition, String board) throws SQLException {
    if (boards == null) {
      throw new UnsupportedOperationException("this sink has no leaderboardTable");
    }
    String sql = "SELECT pos.position, b.member, b.score FROM (SELECT 1 AS one) x" + positions.joinOn("pos")
        + " LEFT JOIN " + Identifiers.quote(dialect, boards) + " b ON b.board = ?";
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, namespace);
      ps.setInt(2, partition);
      ps.setString(3, board);
      Map<K, Long> scores = new LinkedHashMap<>();
      long position = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          position = rs.getLong(1);
          Object member = rs.getObject(2);
          if (member != null) {
            scores.put((K) member, rs.getLong(3));
          }
        }
      }
      return new BoardRows<>(scores, position);
    }
  }

}
