package io.writebehind.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.writebehind.bench.measure.ComponentCpu;
import io.writebehind.bench.measure.QuietValkey;
import io.writebehind.flights.FlightsLoader;
import io.writebehind.flights.FlightsGenerator;
import io.writebehind.flights.FlightsSchema;
import io.writebehind.jdbc.DataSources;
import io.writebehind.jdbc.Dialect;
import io.writebehind.jdbc.KeyValueTable;
import io.writebehind.ValkeyConnection;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What one run owns: a schema (PostgreSQL) or database (MariaDB) of its own holding the
 * generic tables and the flights, and a Valkey key prefix. Everything of the run lives
 * there, so a run never touches anyone's data and {@link #close} removes it all.
 */
public final class Fixture implements AutoCloseable {
  public final String runId;
  public final String valkeyUrl;
  public final String baseJdbcUrl;
  public final String jdbcUrl;
  public final Dialect dialect;
  public final String schema;
  public final Plan plan;
  private final HikariDataSource admin;
  private QuietValkey quiet;
  private ComponentCpu cpu;

  private final boolean owner;

  private Fixture(String valkeyUrl, String runId, String schemaJdbcUrl, Plan plan) {
    this.runId = runId;
    this.valkeyUrl = valkeyUrl;
    this.baseJdbcUrl = schemaJdbcUrl;
    this.jdbcUrl = schemaJdbcUrl;
    this.plan = plan;
    this.dialect = Dialect.fromJdbcUrl(schemaJdbcUrl);
    this.schema = "wbbench_" + runId;
    this.admin = DataSources.hikari(jdbcUrl, 4, "wbbench-admin");
    this.owner = false;
  }

  /** Another process's run (the kill test's child): same names, and closing removes nothing. */
  public static Fixture attach(String valkeyUrl, String runId, String schemaJdbcUrl, Plan plan) {
    return new Fixture(valkeyUrl, runId, schemaJdbcUrl, plan);
  }

  private Fixture(String valkeyUrl, String baseJdbcUrl, Plan plan) throws SQLException {
    this.owner = true;
    this.runId = Long.toString(System.currentTimeMillis() % 100_000_000L, 36)
        + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36), 36);
    this.valkeyUrl = valkeyUrl;
    this.baseJdbcUrl = baseJdbcUrl;
    this.plan = plan;
    this.dialect = Dialect.fromJdbcUrl(baseJdbcUrl);
    this.schema = "wbbench_" + runId;
    try (HikariDataSource base = DataSources.hikari(baseJdbcUrl, 1, "wbbench-setup");
        Connection c = base.getConnection(); Statement s = c.createStatement()) {
      s.execute(dialect == Dialect.MARIADB ? "CREATE DATABASE " + schema : "CREATE SCHEMA " + schema);
    }
    this.jdbcUrl = JdbcUrlWithSchema.of(baseJdbcUrl, dialect, schema);
    this.admin = DataSources.hikari(jdbcUrl, 8, "wbbench-admin");
  }

  public static Fixture open(String valkeyUrl, String jdbcUrl, Plan plan) throws SQLException {
    return new Fixture(valkeyUrl, jdbcUrl, plan);
  }

  /** A pool on the run's schema; the caller closes it. */
  public HikariDataSource pool(int size, String name) {
    return DataSources.hikari(jdbcUrl, size, name);
  }

  /** The shared pool for setup, checks and the window probe. */
  public HikariDataSource admin() {
    return admin;
  }

  /** A fresh generic table (id, payload, wb_version) for one system. */
  public String genericTable(String system) throws SQLException {
    String table = "kv_" + system.replaceAll("[^A-Za-z0-9]", "_");
    KeyValueTable.create(admin, dialect, table);
    return table;
  }

  /** Valkey names of this run start with this; {@link #close} deletes them all. */
  public String prefix() {
    return "wb-" + runId;
  }

  /**
   * A namespace for one system and phase (a fresh journal, cache and consumer group), as
   * short as a user's would be: each key name goes to the append-only file with every
   * command that touches it, and the 35-character namespaces used before cost ours about
   * 8 % more bytes per row (three names per write, two per flush).
   */
  public String namespace(String system, String phase) {
    return (prefix() + "-" + SystemNames.code(system) + "-" + phase).replaceAll("[^A-Za-z0-9_.\\-]", "_");
  }

  public void loadFlights(Progress progress) throws SQLException {
    FlightsSchema.migrate(admin, dialect);
    progress.step("loading " + plan.flights() + " flights", plan.flights());
    FlightsLoader.load(admin, dialect, plan.flights(), FlightsGenerator.DEFAULT_SEED,
        (table, done, total) -> {
          if (table.equals("flight")) {
            progress.update(done);
          }
        });
    progress.done();
  }

  /** Empties flight_log: the flights drains count their applied changes there. */
  public void clearFlightLog() throws SQLException {
    Db.update(admin, "DELETE FROM flight_log");
  }

  /** Waits for a quiet Valkey before each measurement; opened on first use, closed with the fixture. */
  public synchronized QuietValkey quiet() {
    if (quiet == null) {
      quiet = new QuietValkey(valkeyUrl);
    }
    return quiet;
  }

  /**
   * CPU time of Valkey (the node of the URL), the PostgreSQL server's processes and this JVM
   * (the floor's loads and ours' workers run here); opened on first use, closed with the fixture.
   */
  public synchronized ComponentCpu cpu() {
    if (cpu == null) {
      cpu = new ComponentCpu(List.of(valkeyUrl), admin, null, List.of(ProcessHandle.current().pid()));
    }
    return cpu;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (quiet != null) {
        quiet.close();
      }
      if (cpu != null) {
        cpu.close();
      }
    }
    admin.close();
    if (!owner) {
      return;
    }
    try (HikariDataSource base = DataSources.hikari(baseJdbcUrl, 1, "wbbench-cleanup");
        Connection c = base.getConnection(); Statement s = c.createStatement()) {
      s.execute(dialect == Dialect.MARIADB ? "DROP DATABASE IF EXISTS " + schema : "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      System.err.println("bench: could not drop " + schema + ": " + e.getMessage());
    }
    try (ValkeyConnection v = ValkeyConnection.open(valkeyUrl, Duration.ofSeconds(10))) {
      deleteKeys(v, "*" + prefix() + "*");
    } catch (RuntimeException e) {
      System.err.println("bench: could not delete the Valkey keys of " + prefix() + ": " + e.getMessage());
    }
  }

  public static void deleteKeys(ValkeyConnection v, String pattern) {
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page = v.async().scan(cursor, ScanArgs.Builder.matches(pattern).limit(1000))
          .toCompletableFuture().join();
      if (!page.getKeys().isEmpty()) {
        v.async().del(page.getKeys().toArray(new String[0])).toCompletableFuture().join();
      }
      cursor = page;
    } while (!cursor.isFinished());
  }

  /** Lower-case name for messages. */
  public String databaseKind() {
    return dialect.name().toLowerCase(Locale.ROOT);
  }
}
