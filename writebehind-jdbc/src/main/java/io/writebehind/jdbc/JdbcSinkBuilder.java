package io.writebehind.jdbc;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Builds a {@link JdbcSink}. Each setting is checked when given (and may be given once);
 * {@link #build} checks that the required ones are there, and that the table has them: the
 * key column, every value column, and a version column holding a signed 64-bit integer
 * ({@code BIGINT}). The version column may be nullable: a NULL version is older than every
 * write, so {@code ALTER TABLE t ADD wb_version bigint} on a table with rows is enough.
 *
 * <p><b>Tables.</b> The guarded table is the caller's: {@link #build} reads its columns and
 * never creates or alters it. {@link #build} creates one table of the sink's own, the
 * tombstone table ({@value TombstoneSql#DEFAULT_TABLE} unless {@link #tombstoneTable} names
 * another), with {@code CREATE TABLE IF NOT EXISTS} and the columns {@code tbl, k, version,
 * deleted_at} ({@link TombstoneSql#createTable}): one row per deleted key, so that an older
 * upsert arriving after a delete cannot bring the row back. Every sink of the database shares
 * it, {@code tbl} telling their tables apart. It is created at every {@link #build}, and only
 * if missing (an existing one is left as it is); with {@link #installSchema installSchema(false)}
 * nothing is created, and the tombstone table must then exist before the first batch.
 */
public final class JdbcSinkBuilder<K, V> {
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
  private Duration tombstoneRetention;
  private Clock clock;

  JdbcSinkBuilder() {}

  private static void once(String field, Object current) {
    if (current != null) {
      throw new IllegalStateException(field + " was already set to " + current);
    }
  }

  public JdbcSinkBuilder<K, V> dataSource(DataSource dataSource) {
    once("dataSource", this.dataSource);
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource must not be null");
    return this;
  }

  /** Optional: inferred from the URL of a connection's metadata when not given. */
  public JdbcSinkBuilder<K, V> dialect(Dialect dialect) {
    once("dialect", this.dialect);
    this.dialect = Objects.requireNonNull(dialect, "dialect must not be null");
    return this;
  }

  /** The guarded table, {@code name} or {@code schema.name}. */
  public JdbcSinkBuilder<K, V> table(String table) {
    once("table", this.table);
    this.table = Identifiers.requireQualified("table", table);
    return this;
  }

  /** Default {@code id}; must be the table's primary key (the upserts conflict on it). */
  public JdbcSinkBuilder<K, V> keyColumn(String keyColumn) {
    once("keyColumn", this.keyColumn);
    this.keyColumn = Identifiers.requireSimple("keyColumn", keyColumn);
    return this;
  }

  /** Default {@code wb_version}; a {@code BIGINT} column, nullable or not (NULL is older). */
  public JdbcSinkBuilder<K, V> versionColumn(String versionColumn) {
    once("versionColumn", this.versionColumn);
    this.versionColumn = Identifiers.requireSimple("versionColumn", versionColumn);
    return this;
  }

  /** The value columns, in the order the binder binds them. */
  public JdbcSinkBuilder<K, V> columns(String... columns) {
    Objects.requireNonNull(columns, "columns must not be null");
    return columns(Arrays.asList(columns));
  }

  public JdbcSinkBuilder<K, V> columns(List<String> columns) {
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

  public JdbcSinkBuilder<K, V> binder(RowBinder<K, V> binder) {
    once("binder", this.binder);
    this.binder = Objects.requireNonNull(binder, "binder must not be null");
    return this;
  }

  /**
   * How a key is written into the tombstone table (at most 512 characters); default
   * {@code String::valueOf}. Must be injective, or deletes of one key would guard another.
   */
  public JdbcSinkBuilder<K, V> keyText(Function<? super K, String> keyText) {
    once("keyText", this.keyText);
    this.keyText = Objects.requireNonNull(keyText, "keyText must not be null");
    return this;
  }

  /** Default {@code wb_tombstone}; may be schema-qualified. Shared by many tables. */
  public JdbcSinkBuilder<K, V> tombstoneTable(String tombstoneTable) {
    once("tombstoneTable", this.tombstoneTable);
    this.tombstoneTable = Identifiers.requireQualified("tombstoneTable", tombstoneTable);
    return this;
  }

  /**
   * Default true: {@link #build} creates the tombstone table if missing. False when schema
   * migrations own every table: create it there from {@link JdbcSink#tombstoneSql()}.
   */
  public JdbcSinkBuilder<K, V> installSchema(boolean installSchema) {
    once("installSchema", this.installSchema);
    this.installSchema = installSchema;
    return this;
  }

  /**
   * How long a tombstone is kept after its delete; default seven days. Older ones are
   * removed after a batch, at most once a tenth of this (hourly for the default), in a
   * transaction of their own.
   *
   * <p><b>Why a tombstone may go at all.</b> It exists to refuse an upsert of its key with an
   * older version than the delete: a write made before the delete that reaches the database
   * after it. Once no such write can still arrive, the tombstone guards nothing. A write is
   * in flight from its acknowledgement until it is applied or dropped: in the journal while
   * the database is down or the workers are stopped, in a batch being retried, in the dead
   * letters until replayed, or in a journal kept for replay ({@code trimJournal(false)} and
   * {@code writebehind replay}). The retention must outlast the longest of these, or a late
   * older upsert brings the deleted row back. Age is counted from {@code deleted_at}, the
   * database's time when the delete was applied, which is after the delete was written, and
   * every write the tombstone refuses was written before the delete: so each of them is older
   * than the retention by the time its tombstone goes.
   *
   * <p>Seven days outlasts an outage someone notices, a weekend with stopped workers, and a
   * dead letter looked at within the week. Raise it if dead letters or kept journals are
   * replayed later than that.
   *
   * @throws IllegalArgumentException unless between one second and 3650 days
   */
  public JdbcSinkBuilder<K, V> tombstoneRetention(Duration tombstoneRetention) {
    once("tombstoneRetention", this.tombstoneRetention);
    Objects.requireNonNull(tombstoneRetention, "tombstoneRetention must not be null");
    if (tombstoneRetention.compareTo(Duration.ofSeconds(1)) < 0 || tombstoneRetention.compareTo(Duration.ofDays(3650)) > 0) {
      throw new IllegalArgumentException("tombstoneRetention must be between 1 s and 3650 days, was " + tombstoneRetention);
    }
    this.tombstoneRetention = tombstoneRetention;
    return this;
  }

  /** Where the tombstone purge reads the time (default the system's): tests move it instead of sleeping. */
  public JdbcSinkBuilder<K, V> clock(Clock clock) {
    once("clock", this.clock);
    this.clock = Objects.requireNonNull(clock, "clock must not be null");
    return this;
  }

  /**
   * Checks the settings together and builds the sink. Connects to the database to infer a
   * missing dialect, to check the table's columns (one probe), and to create the tombstone
   * table if missing (see the class comment).
   *
   * @throws IllegalStateException if a required setting is missing, or the table cannot be
   *     read, lacks a column or has a version column that is not a BIGINT (the message names
   *     the table and the column)
   * @throws IllegalArgumentException if settings clash (one name given to two columns)
   * @throws SinkSetupException if the database fails meanwhile (the cause is its
   *     {@link SQLException}); building again later may succeed
   */
  public JdbcSink<K, V> build() {
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
    Dialect d = dialect != null ? dialect : inferDialect();
    // TableSpec repeats the per-field checks and adds the cross-field ones (duplicate names).
    TableSpec spec = new TableSpec(d, table, keyColumn, columns, versionColumn);
    try {
      TableCheck.require(dataSource, spec);
    } catch (SQLException e) {
      throw new SinkSetupException("cannot read the columns of table " + table + ": " + e.getMessage(), e);
    }
    JdbcSink<K, V> sink = new JdbcSink<>(dataSource, spec, binder, keyText,
        new Tombstones(d, table, tombstoneTable),
        tombstoneRetention == null ? TombstonePurge.DEFAULT_RETENTION : tombstoneRetention,
        clock == null ? Clock.systemUTC() : clock);
    if (installSchema == null || installSchema) {
      try {
        sink.installSchema();
      } catch (SQLException e) {
        throw new SinkSetupException("cannot create the tombstone table " + tombstoneTable
            + " (columns tbl, k, version, deleted_at) for table " + table + ": " + e.getMessage(), e);
      }
    }
    return sink;
  }

  private Dialect inferDialect() {
    try {
      return Dialect.of(dataSource);
    } catch (SQLException e) {
      throw new SinkSetupException(
          "cannot connect to infer the dialect for table " + table + ": " + e.getMessage(), e);
    }
  }
}
