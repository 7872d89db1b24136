package io.writebehind.flights;

import io.writebehind.jdbc.Dialect;
import io.writebehind.jdbc.Transactions;
import io.writebehind.jdbc.VersionGuard;
import io.writebehind.sink.Sink;
import io.writebehind.sink.SinkRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Writes drained flight changes the way the walkthrough's worker does (UPDATE the flight's
 * departure and arrival, INSERT one flight_log row with the old and new values, log_date
 * NOW(), user and comment), but a whole batch in one transaction and guarded by version.
 *
 * <p>Per batch: one {@code SELECT ... FOR UPDATE} locks the batch's flights (ids sorted, so
 * overlapping batches of two workers lock in the same order and rarely deadlock; a deadlock
 * is an ordinary transient SQLException) and reads their current values and {@code wb_version};
 * records whose version is not greater than the stored one are skipped without a log row,
 * which makes replays, duplicates and late zombie workers harmless; the rest go out as one
 * JDBC batch of guarded UPDATEs and one batch of flight_log INSERTs; then one commit. A NULL
 * {@code wb_version} (a column added to existing rows) is older than every write, in the
 * skip and in the UPDATE's guard alike ({@link VersionGuard}).
 *
 * <p><b>User and comment</b> come from the record's meta, in the {@link FlightChange} format
 * {@code {"user":"...","comment":"..."}}; no meta means user {@value FlightChange#DEFAULT_USER}
 * and a NULL comment.
 *
 * <p><b>Coalescing.</b> A record that stands for several writes of a flight
 * ({@code coalesced() > 1}) still logs one row: old values as the database held them before
 * the batch, new values the final write's, user and comment from the final write's meta, and
 * " (N updates coalesced)" appended to the comment (the comment is just "(N updates
 * coalesced)" when the final write had none). The intermediate values were never in the
 * database, so the log shows the change the database actually went through.
 *
 * <p><b>Rejected</b> ({@link FlightRecordRejectedException}, never worth retrying): deletes,
 * since the walkthrough never deletes flights and ignoring one would silently drop a write;
 * a value whose flight_id differs from its key; a flight that does not exist; a value whose
 * flightno, airline_id or airplane_id differ from the stored row, since only the times are
 * written and the rest would otherwise be lost without a trace.
 */
public final class FlightSink implements Sink<Long, Flight> {

  /** Bounds the IN list: drivers and servers cap the number of parameters per statement. */
  static final int LOCK_CHUNK = 1_000;

  private final DataSource dataSource;
  private final FlightSql sql;

  public FlightSink(DataSource dataSource, Dialect dialect) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.sql = FlightSql.of(dialect);
  }

  /** The statements, so a verbose demo can show what ran. */
  public FlightSql sql() {
    return sql;
  }

  /** The three statements a batch of one flight runs, in order: lock and read, update, log. */
  public List<String> statements() {
    if (sql.dialect() == Dialect.POSTGRESQL) {
      return List.of(sql.lockFlightsArray(), sql.updateTimesBulk(), sql.insertLogBulk());
    }
    return List.of(sql.lockFlights(1), sql.updateTimes(), sql.insertLog());
  }

  @Override
  public int apply(List<SinkRecord<Long, Flight>> batch) throws SQLException {
    if (batch.isEmpty()) {
      return 0;
    }
    TreeMap<Long, SinkRecord<Long, Flight>> byId = validate(batch);
    return Transactions.inTransaction(dataSource, c -> {
      Map<Long, StoredFlight> stored = lock(c, new ArrayList<>(byId.keySet()));
      List<Change> changes = new ArrayList<>();
      for (SinkRecord<Long, Flight> r : byId.values()) {
        StoredFlight before = stored.get(r.key());
        if (before == null) {
          throw new FlightRecordRejectedException(r.key(), "no such flight");
        }
        if (!VersionGuard.isOlder(before.version(), r.version())) {
          continue;
        }
        checkOnlyTimesChange(r, before);
        changes.add(new Change(r, before));
      }
      if (!changes.isEmpty()) {
        update(c, changes);
        log(c, changes);
      }
      return changes.size();
    });
  }

  /**
   * Checks what needs no database, and sorts by flight id (the lock order). A batch holds at
   * most one record per flight ({@link Sink#apply}); two are refused rather than one kept,
   * since keeping one would hide the caller's mistake and the log row would miscount the
   * writes. The worker splits a refused batch, which applies the two apart.
   */
  private static TreeMap<Long, SinkRecord<Long, Flight>> validate(List<SinkRecord<Long, Flight>> batch) {
    TreeMap<Long, SinkRecord<Long, Flight>> byId = new TreeMap<>();
    for (SinkRecord<Long, Flight> r : batch) {
      if (r.isDelete()) {
        throw new FlightRecordRejectedException(r.key(),
            "deleting flights is not supported (the walkthrough only updates times)");
      }
      if (r.value().flightId() != r.key()) {
        throw new FlightRecordRejectedException(r.key(),
            "value is for flight " + r.value().flightId());
      }
      if (byId.putIfAbsent(r.key(), r) != null) {
        throw new IllegalArgumentException(
            "batch holds two records of flight " + r.key() + "; a sink takes at most one record per key");
      }
    }
    return byId;
  }

  private static void checkOnlyTimesChange(SinkRecord<Long, Flight> r, StoredFlight before) {
    Flight v = r.value();
    if (!v.flightno().strip().equals(before.flightno())
        || v.airlineId() != before.airlineId()
        || v.airplaneId() != before.airplaneId()) {
      throw new FlightRecordRejectedException(r.key(),
          "only departure and arrival can change; stored " + before.flightno() + "/airline "
              + before.airlineId() + "/airplane " + before.airplaneId() + ", record "
              + v.flightno() + "/airline " + v.airlineId() + "/airplane " + v.airplaneId());
    }
  }

  private Map<Long, StoredFlight> lock(Connection c, List<Long> ids) throws SQLException {
    Map<Long, StoredFlight> stored = new HashMap<>();
    if (sql.dialect() == Dialect.POSTGRESQL) {
      try (PreparedStatement ps = c.prepareStatement(sql.lockFlightsArray())) {
        ps.setArray(1, c.createArrayOf("varchar", ids.stream().map(String::valueOf).toArray()));
        readLocked(ps, stored);
      }
      return stored;
    }
    for (int from = 0; from < ids.size(); from += LOCK_CHUNK) {
      List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + LOCK_CHUNK));
      try (PreparedStatement ps = c.prepareStatement(sql.lockFlights(chunk.size()))) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setLong(i + 1, chunk.get(i));
        }
        readLocked(ps, stored);
      }
    }
    return stored;
  }

  private static void readLocked(PreparedStatement ps, Map<Long, StoredFlight> into) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        long v = rs.getLong(9);
        Long version = rs.wasNull() ? null : v;
        StoredFlight f = new StoredFlight(
            rs.getLong(1),
            FlightRepository.trim(rs.getString(2)),
            rs.getInt(3),
            rs.getInt(4),
            rs.getObject(5, LocalDateTime.class),
            rs.getObject(6, LocalDateTime.class),
            rs.getInt(7),
            rs.getInt(8),
            version);
        into.put(f.flightId(), f);
      }
    }
  }

  private void update(Connection c, List<Change> changes) throws SQLException {
    if (sql.dialect() == Dialect.POSTGRESQL) {
      updateBulk(c, changes);
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(sql.updateTimes())) {
      for (Change ch : changes) {
        Flight v = ch.record().value();
        ps.setObject(1, v.departure());
        ps.setObject(2, v.arrival());
        ps.setLong(3, ch.record().version());
        ps.setLong(4, ch.record().key());
        ps.setLong(5, ch.record().version());
        ps.addBatch();
      }
      int[] counts = ps.executeBatch();
      for (int i = 0; i < counts.length; i++) {
        // SUCCESS_NO_INFO is fine (MariaDB bulk); 0 cannot happen under the row lock unless
        // something bypassed it, and then the log row would lie.
        if (counts[i] == 0) {
          throw new IllegalStateException(
              "flight " + changes.get(i).record().key() + " changed although locked");
        }
      }
    }
  }

  private void updateBulk(Connection c, List<Change> changes) throws SQLException {
    int n = changes.size();
    String[][] columns = new String[4][n];
    for (int i = 0; i < n; i++) {
      SinkRecord<Long, Flight> r = changes.get(i).record();
      setRow(columns, i, Long.toString(r.key()), r.value().departure().toString(), r.value().arrival().toString(),
          Long.toString(r.version()));
    }
    // Every flight here is locked and older than its record: all of them must change, or
    // the log rows that follow would lie.
    executeBulk(c, sql.updateTimesBulk(), columns, "flights locked for update", "updated");
  }

  private void log(Connection c, List<Change> changes) throws SQLException {
    if (sql.dialect() == Dialect.POSTGRESQL) {
      logBulk(c, changes);
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(sql.insertLog())) {
      for (Change ch : changes) {
        SinkRecord<Long, Flight> r = ch.record();
        StoredFlight old = ch.before();
        FlightChange who = FlightChange.fromMeta(r.meta());
        int i = 0;
        ps.setString(++i, who.user());
        ps.setLong(++i, r.key());
        ps.setString(++i, old.flightno());
        ps.setString(++i, old.flightno());
        ps.setInt(++i, old.from());
        ps.setInt(++i, old.from());
        ps.setInt(++i, old.to());
        ps.setInt(++i, old.to());
        ps.setObject(++i, old.departure());
        ps.setObject(++i, r.value().departure());
        ps.setObject(++i, old.arrival());
        ps.setObject(++i, r.value().arrival());
        ps.setInt(++i, old.airplaneId());
        ps.setInt(++i, old.airplaneId());
        ps.setInt(++i, old.airlineId());
        ps.setInt(++i, old.airlineId());
        ps.setString(++i, who.commentFor(r.coalesced()));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** PostgreSQL: the batch's log rows in one statement, every column as a text array (as {@link #updateBulk}). */
  private void logBulk(Connection c, List<Change> changes) throws SQLException {
    int n = changes.size();
    String[][] columns = new String[12][n];
    for (int i = 0; i < n; i++) {
      SinkRecord<Long, Flight> r = changes.get(i).record();
      StoredFlight old = changes.get(i).before();
      FlightChange who = FlightChange.fromMeta(r.meta());
      setRow(columns, i, who.user(), Long.toString(r.key()), old.flightno(), Integer.toString(old.from()),
          Integer.toString(old.to()), old.departure().toString(), r.value().departure().toString(),
          old.arrival().toString(), r.value().arrival().toString(), Integer.toString(old.airplaneId()),
          Integer.toString(old.airlineId()), who.commentFor(r.coalesced()));
    }
    executeBulk(c, sql.insertLogBulk(), columns, "log rows to insert", "inserted");
  }

  private static void setRow(String[][] columns, int row, String... values) {
    for (int col = 0; col < values.length; col++) {
      columns[col][row] = values[col];
    }
  }

  /**
   * Runs a statement over one text array per column (the SQL casts them) and checks that it
   * touched every row: each of them was locked and is older than its record.
   */
  private static void executeBulk(Connection c, String statement, String[][] columns, String what, String done)
      throws SQLException {
    int n = columns[0].length;
    try (PreparedStatement ps = c.prepareStatement(statement)) {
      for (int col = 0; col < columns.length; col++) {
        ps.setArray(col + 1, c.createArrayOf("varchar", columns[col]));
      }
      int count = ps.executeUpdate();
      if (count != n) {
        throw new IllegalStateException(n + " " + what + ", " + count + " " + done);
      }
    }
  }

  /**
   * The locked row: the old values of the log row and the version the guard compares with
   * ({@code null} for NULL, which is older than every write).
   */
  private record StoredFlight(long flightId, String flightno, int from, int to,
      LocalDateTime departure, LocalDateTime arrival, int airplaneId, int airlineId, Long version) {}

  private record Change(SinkRecord<Long, Flight> record, StoredFlight before) {}
}
