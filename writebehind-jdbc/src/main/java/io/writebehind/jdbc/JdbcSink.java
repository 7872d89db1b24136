package io.writebehind.jdbc;

import io.writebehind.sink.Sink;
import io.writebehind.sink.SinkRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * A version-guarded sink into one table: the database never goes back.
 *
 * <p>Each batch runs in one transaction: (1) read the tombstones of the batch's keys, locking
 * them, and drop upserts not newer than their key's delete; (2) drop tombstones that a
 * newer upsert supersedes (the row's own version guards from then on, so the side table only
 * holds keys that are currently deleted); (3) upsert the deletes' tombstones, guarded; (4)
 * upsert the rows, guarded, in one JDBC batch, then undo any upsert a concurrent delete
 * overtook (see below); (5) delete the deleted rows, guarded, in one JDBC batch. Records are
 * sorted by key and tombstones are locked before rows, so concurrent batches take locks in
 * the same order.
 *
 * <p>{@link #apply} returns how many records took effect: upserts that inserted or updated
 * their row, plus deletes that inserted or advanced their key's tombstone (a delete of a key
 * never written counts, since it records the tombstone). Applying the same batch again
 * returns 0. How it is counted: where the driver reports a count per record (H2; PostgreSQL
 * without batch rewriting) they are summed; PostgreSQL's rewritten batches report no counts,
 * so one query counts the batch's rows whose xmin is this transaction (exact); MariaDB's
 * counts cannot tell an unchanged row from an inserted one, so it counts the batch's (key,
 * version) pairs present before and after the upserts, which is exact under REPEATABLE READ
 * (the default) and approximate under READ COMMITTED if other writers race on the same keys.
 *
 * <p>Concurrent transactions on the same key (zombie workers): the tombstone read locks the
 * tombstones it finds, so a delete cannot advance an existing tombstone under an upsert; after the
 * upserts the tombstones are read again and a row an upsert slipped in behind a delete that
 * committed meanwhile is removed. One race stays open on PostgreSQL (and MariaDB under READ
 * COMMITTED; under REPEATABLE READ InnoDB's gap locks close it): an older upsert of a key
 * that has neither row nor tombstone, inserting at the same moment as a newer delete of
 * that key in another transaction; neither can see the other's uncommitted row. Within one
 * worker per partition it cannot happen; with a zombie it needs both in flight together.
 */
public final class JdbcSink<K, V> implements Sink<K, V> {
  private static final int PAIR_CHUNK = Tombstones.CHUNK / 2;

  private final DataSource dataSource;
  private final TableSpec spec;
  private final RowBinder<K, V> binder;
  private final Function<? super K, String> keyText;
  private final Tombstones tombstones;
  private final String upsertSql;
  private final String deleteSql;

  private JdbcSink(Builder<K, V> b, Dialect dialect) {
    this.dataSource = b.dataSource;
    this.spec = new TableSpec(dialect, b.table, b.keyColumn, b.columns, b.versionColumn);
    this.binder = b.binder;
    this.keyText = b.keyText;
    this.tombstones = new Tombstones(dialect, b.table, b.tombstoneTable);
    this.upsertSql = UpsertSql.of(spec);
    this.deleteSql = RowSql.delete(spec);
  }

  public static <K, V> Builder<K, V> builder() {
    return new Builder<>();
  }

  public Dialect dialect() {
    return spec.dialect();
  }

  public TableSpec table() {
    return spec;
  }

  public String upsertSql() {
    return upsertSql;
  }

  public String deleteSql() {
    return deleteSql;
  }

  public TombstoneSql tombstoneSql() {
    return tombstones.sql();
  }

  /** Creates the tombstone table if it is missing. The guarded table is the caller's. */
  public void installSchema() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      tombstones.install(c);
      if (!c.getAutoCommit()) {
        c.commit();
      }
    }
  }

  /**
   * Removes this table's tombstones older than {@code olderThan}. Only safe once no write
   * that old can still arrive (journal retention, dead letters being replayed), because a
   * purged tombstone no longer stops an older upsert of its key.
   *
   * @return how many tombstones were removed
   */
  public int purgeTombstones(Duration olderThan) throws SQLException {
    Objects.requireNonNull(olderThan, "olderThan must not be null");
    if (olderThan.isNegative()) {
      throw new IllegalArgumentException("olderThan must not be negative, was " + olderThan);
    }
    try (Connection c = dataSource.getConnection()) {
      int n = tombstones.purgeOlderThan(c, Instant.now().minus(olderThan));
      if (!c.getAutoCommit()) {
        c.commit();
      }
      return n;
    }
  }

  /** See the class comment for what the returned number means. */
  @Override
  public int apply(List<SinkRecord<K, V>> batch) throws SQLException {
    Objects.requireNonNull(batch, "batch must not be null");
    List<Entry<K, V>> entries = prepare(batch);
    if (entries.isEmpty()) {
      return 0;
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return applyOnce(entries);
      } catch (SQLException e) {
        // H2's MERGE is not atomic against a concurrent insert of the same key: the loser
        // gets a unique violation. The batch was rolled back and is idempotent, so running
        // it again takes the matched branch. The other dialects' upserts never race so.
        if (dialect() != Dialect.H2 || !"23505".equals(e.getSQLState()) || attempt >= H2_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private static final int H2_ATTEMPTS = 5;

  private int applyOnce(List<Entry<K, V>> entries) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      boolean wasAutoCommit = c.getAutoCommit();
      if (wasAutoCommit) {
        c.setAutoCommit(false);
      }
      try {
        int changed = applyIn(c, entries);
        c.commit();
        return changed;
      } catch (SQLException | RuntimeException | Error e) {
        try {
          c.rollback();
        } catch (SQLException r) {
          e.addSuppressed(r);
        }
        throw e;
      } finally {
        if (wasAutoCommit) {
          try {
            c.setAutoCommit(true);
          } catch (SQLException ignored) {
            // the pool validates or discards the connection; the batch's outcome stands
          }
        }
      }
    }
  }

  private record Entry<K, V>(SinkRecord<K, V> record, String text) {
    long version() {
      return record.version();
    }
  }

  /**
   * Coalesces defensively (the highest version of a key wins, as the database would decide)
   * because a multi-row PostgreSQL upsert fails if it touches one row twice; and sorts by key
   * so every transaction locks rows in the same order.
   */
  private List<Entry<K, V>> prepare(List<SinkRecord<K, V>> batch) {
    Map<String, Entry<K, V>> byKey = new LinkedHashMap<>();
    for (SinkRecord<K, V> r : batch) {
      Objects.requireNonNull(r, "batch must not contain null records");
      String text = keyText.apply(r.key());
      if (text == null) {
        throw new IllegalArgumentException("keyText returned null for key " + r.key());
      }
      byKey.merge(text, new Entry<>(r, text), (a, b) -> a.version() >= b.version() ? a : b);
    }
    List<Entry<K, V>> entries = new ArrayList<>(byKey.values());
    entries.sort(JdbcSink::compare);
    return entries;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Entry<?, ?> a, Entry<?, ?> b) {
    Object x = a.record().key();
    Object y = b.record().key();
    if (x instanceof Comparable && x.getClass() == y.getClass()) {
      return ((Comparable) x).compareTo(y);
    }
    return a.text().compareTo(b.text());
  }

  private int applyIn(Connection c, List<Entry<K, V>> entries) throws SQLException {
    Map<String, Long> tomb = tombstones.read(c, texts(entries));
    List<Entry<K, V>> upserts = new ArrayList<>();
    List<Entry<K, V>> superseding = new ArrayList<>();
    List<Entry<K, V>> deletes = new ArrayList<>();
    int advancingDeletes = 0;
    for (Entry<K, V> e : entries) {
      Long t = tomb.get(e.text());
      if (e.record().isDelete()) {
        deletes.add(e);
        if (t == null || t < e.version()) {
          advancingDeletes++;
        }
      } else if (t == null) {
        upserts.add(e);
      } else if (e.version() > t) {
        upserts.add(e);
        superseding.add(e);
      }
      // else: the key was deleted at or after this version; dropping the upsert is the guard
    }
    if (!superseding.isEmpty()) {
      tombstones.deleteSuperseded(c, texts(superseding), versions(superseding));
    }
    int changed = 0;
    if (!deletes.isEmpty()) {
      int[] counts = tombstones.write(c, texts(deletes), versions(deletes));
      changed += switch (dialect()) {
        case MARIADB -> advancingDeletes;
        case POSTGRESQL -> {
          int sum = exactSum(counts);
          yield sum >= 0 ? sum : tombstones.countWrittenByThisTransaction(c, texts(deletes));
        }
        case H2 -> lenientSum(counts);
      };
    }
    if (!upserts.isEmpty()) {
      int before = dialect() == Dialect.MARIADB ? countAtVersion(c, upserts) : 0;
      int[] counts = upsert(c, upserts);
      int undone = undoResurrections(c, upserts);
      changed += switch (dialect()) {
        case MARIADB -> countAtVersion(c, upserts) - before;
        case POSTGRESQL -> {
          int sum = exactSum(counts);
          yield sum >= 0 ? sum - undone : countWrittenByThisTransaction(c, upserts);
        }
        case H2 -> Math.max(0, lenientSum(counts) - undone);
      };
    }
    if (!deletes.isEmpty()) {
      deleteRows(c, deletes);
    }
    return changed;
  }

  private int[] upsert(Connection c, List<Entry<K, V>> upserts) throws SQLException {
    int versionIndex = spec.columns().size() + 2;
    try (PreparedStatement ps = c.prepareStatement(upsertSql)) {
      for (Entry<K, V> e : upserts) {
        binder.bindKey(ps, 1, e.record().key());
        binder.bindValues(ps, 2, e.record().value());
        ps.setLong(versionIndex, e.version());
        ps.addBatch();
      }
      return ps.executeBatch();
    }
  }

  /**
   * A delete that committed between the tombstone read and the upsert (or that held the row
   * while the upsert waited) removed the row, so the upsert inserted it again. Reading the
   * tombstones once more, now that this transaction holds the rows, catches that; the row
   * goes, as the delete meant. Usually finds nothing.
   */
  private int undoResurrections(Connection c, List<Entry<K, V>> upserts) throws SQLException {
    Map<String, Long> tomb = tombstones.readUnlocked(c, texts(upserts));
    if (tomb.isEmpty()) {
      return 0;
    }
    int undone = 0;
    try (PreparedStatement ps = c.prepareStatement(RowSql.deleteNotNewerThan(spec))) {
      for (Entry<K, V> e : upserts) {
        Long t = tomb.get(e.text());
        if (t != null && e.version() <= t) {
          binder.bindKey(ps, 1, e.record().key());
          ps.setLong(2, t);
          ps.addBatch();
          undone++;
        }
      }
      if (undone > 0) {
        ps.executeBatch();
      }
    }
    return undone;
  }

  private void deleteRows(Connection c, List<Entry<K, V>> deletes) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(deleteSql)) {
      for (Entry<K, V> e : deletes) {
        binder.bindKey(ps, 1, e.record().key());
        ps.setLong(2, e.version());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private int countAtVersion(Connection c, List<Entry<K, V>> entries) throws SQLException {
    int total = 0;
    for (int from = 0; from < entries.size(); from += PAIR_CHUNK) {
      List<Entry<K, V>> chunk = entries.subList(from, Math.min(entries.size(), from + PAIR_CHUNK));
      try (PreparedStatement ps = c.prepareStatement(RowSql.countAtVersion(spec, chunk.size()))) {
        int i = 1;
        for (Entry<K, V> e : chunk) {
          binder.bindKey(ps, i++, e.record().key());
          ps.setLong(i++, e.version());
        }
        total += singleInt(ps);
      }
    }
    return total;
  }

  private int countWrittenByThisTransaction(Connection c, List<Entry<K, V>> entries)
      throws SQLException {
    int total = 0;
    for (int from = 0; from < entries.size(); from += Tombstones.CHUNK) {
      List<Entry<K, V>> chunk =
          entries.subList(from, Math.min(entries.size(), from + Tombstones.CHUNK));
      String sql = RowSql.countWrittenByThisTransaction(spec, chunk.size());
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int i = 1;
        for (Entry<K, V> e : chunk) {
          binder.bindKey(ps, i++, e.record().key());
        }
        total += singleInt(ps);
      }
    }
    return total;
  }

  private static int singleInt(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** The sum of per-record counts, or -1 if the driver withheld any (rewritten batches). */
  static int exactSum(int[] counts) {
    int sum = 0;
    for (int n : counts) {
      if (n < 0) {
        return -1;
      }
      sum += n > 0 ? 1 : 0;
    }
    return sum;
  }

  /** H2 always reports counts; if one were withheld it is counted as a change. */
  private static int lenientSum(int[] counts) {
    return (int) Arrays.stream(counts).filter(n -> n != 0).count();
  }

  private static List<String> texts(List<? extends Entry<?, ?>> entries) {
    List<String> out = new ArrayList<>(entries.size());
    for (Entry<?, ?> e : entries) {
      out.add(e.text());
    }
    return out;
  }

  private static long[] versions(List<? extends Entry<?, ?>> entries) {
    long[] out = new long[entries.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = entries.get(i).version();
    }
    return out;
  }

  /**
   * Builds a {@link JdbcSink}. Each setting is checked when given (and may be given once);
   * {@link #build} checks that the required ones are there.
   */
  public static final class Builder<K, V> {
    private DataSource dataSource;
    private Dialect dialect;
    private String table;
    private String keyColumn;
    private String versionColumn;
    private List<String> columns;
    private RowBinder<K, V> binder;
    private Function<? super K, String> keyText;
    private String tombstoneTable;
    private Boolean installSchema;

    private Builder() {}

    private static void once(String field, Object current) {
      if (current != null) {
        throw new IllegalStateException(field + " was already set to " + current);
      }
    }

    public Builder<K, V> dataSource(DataSource dataSource) {
      once("dataSource", this.dataSource);
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource must not be null");
      return this;
    }

    /** Optional: inferred from the URL of a connection's metadata when not given. */
    public Builder<K, V> dialect(Dialect dialect) {
      once("dialect", this.dialect);
      this.dialect = Objects.requireNonNull(dialect, "dialect must not be null");
      return this;
    }

    /** The guarded table, {@code name} or {@code schema.name}. */
    public Builder<K, V> table(String table) {
      once("table", this.table);
      this.table = Identifiers.requireQualified("table", table);
      return this;
    }

    /** Default {@code id}; must be the table's primary key (the upserts conflict on it). */
    public Builder<K, V> keyColumn(String keyColumn) {
      once("keyColumn", this.keyColumn);
      this.keyColumn = Identifiers.requireSimple("keyColumn", keyColumn);
      return this;
    }

    /** Default {@code wb_version}; a {@code BIGINT NOT NULL} column. */
    public Builder<K, V> versionColumn(String versionColumn) {
      once("versionColumn", this.versionColumn);
      this.versionColumn = Identifiers.requireSimple("versionColumn", versionColumn);
      return this;
    }

    /** The value columns, in the order the binder binds them. */
    public Builder<K, V> columns(String... columns) {
      Objects.requireNonNull(columns, "columns must not be null");
      return columns(Arrays.asList(columns));
    }

    public Builder<K, V> columns(List<String> columns) {
      once("columns", this.columns);
      Objects.requireNonNull(columns, "columns must not be null");
      if (columns.isEmpty()) {
        throw new IllegalArgumentException("columns must name at least one value column, was []");
      }
      for (String c : columns) {
        Identifiers.requireSimple("columns", c);
      }
      this.columns = List.copyOf(columns);
      return this;
    }

    public Builder<K, V> binder(RowBinder<K, V> binder) {
      once("binder", this.binder);
      this.binder = Objects.requireNonNull(binder, "binder must not be null");
      return this;
    }

    /**
     * How a key is written into the tombstone table (at most 512 characters); default
     * {@code String::valueOf}. Must be injective, or deletes of one key would guard another.
     */
    public Builder<K, V> keyText(Function<? super K, String> keyText) {
      once("keyText", this.keyText);
      this.keyText = Objects.requireNonNull(keyText, "keyText must not be null");
      return this;
    }

    /** Default {@code wb_tombstone}; may be schema-qualified. Shared by many tables. */
    public Builder<K, V> tombstoneTable(String tombstoneTable) {
      once("tombstoneTable", this.tombstoneTable);
      this.tombstoneTable = Identifiers.requireQualified("tombstoneTable", tombstoneTable);
      return this;
    }

    /** Default true: {@link #build} creates the tombstone table if missing. */
    public Builder<K, V> installSchema(boolean installSchema) {
      once("installSchema", this.installSchema);
      this.installSchema = installSchema;
      return this;
    }

    /**
     * Checks the settings together and builds the sink. Connects to the database only to
     * infer a missing dialect and to install the tombstone table.
     */
    public JdbcSink<K, V> build() throws SQLException {
      List<String> missing = new ArrayList<>();
      if (dataSource == null) {
        missing.add("dataSource");
      }
      if (table == null) {
        missing.add("table");
      }
      if (columns == null) {
        missing.add("columns");
      }
      if (binder == null) {
        missing.add("binder");
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException("JdbcSink needs " + String.join(", ", missing) + " to be set");
      }
      if (keyColumn == null) {
        keyColumn = "id";
      }
      if (versionColumn == null) {
        versionColumn = "wb_version";
      }
      if (keyText == null) {
        keyText = String::valueOf;
      }
      if (tombstoneTable == null) {
        tombstoneTable = TombstoneSql.DEFAULT_TABLE;
      }
      if (tombstoneTable.equalsIgnoreCase(table)) {
        throw new IllegalStateException(
            "tombstoneTable must differ from table, both were '" + table + "'");
      }
      if (table.length() > 128) {
        throw new IllegalStateException(
            "table must fit the tombstone table's tbl VARCHAR(128), was " + table.length() + " chars");
      }
      Dialect d = dialect != null ? dialect : Dialect.of(dataSource);
      // TableSpec repeats the per-field checks and adds the cross-field ones (duplicate names).
      JdbcSink<K, V> sink = new JdbcSink<>(this, d);
      if (installSchema == null || installSchema) {
        sink.installSchema();
      }
      return sink;
    }
  }
}
