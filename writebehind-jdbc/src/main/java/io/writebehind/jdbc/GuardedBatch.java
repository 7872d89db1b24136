package io.writebehind.jdbc;

import static io.writebehind.jdbc.BatchEntry.texts;
import static io.writebehind.jdbc.BatchEntry.versions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The steps of one batch, inside the caller's transaction: (1) read the tombstones of the
 * batch's keys, locking them, and drop upserts not newer than their key's delete; (2) drop
 * tombstones that a newer upsert supersedes (the row's own version guards from then on, so the
 * side table only holds keys that are currently deleted); (3) upsert the deletes' tombstones,
 * guarded; (4) upsert the rows, guarded, in one statement over arrays (PostgreSQL) or one
 * JDBC batch, then undo any upsert a concurrent delete overtook; (5) delete the deleted rows,
 * guarded, in one JDBC batch. On PostgreSQL both tombstone reads give way to one probe
 * while the table has no tombstone at all. Entries come sorted by key and tombstones are
 * locked before rows, so concurrent batches take locks in the same order (unnest yields its
 * arrays in order).
 *
 * <p>Concurrent transactions on the same key (zombie workers): the tombstone read locks the
 * tombstones it finds, so a delete cannot advance an existing tombstone under an upsert; after
 * the upserts the tombstones are read again and a row an upsert slipped in behind a delete
 * that committed meanwhile is removed.
 */
final class GuardedBatch<K, V> {
  private final TableSpec spec;
  private final RowBinder<K, V> binder;
  private final Tombstones tombstones;
  private final String upsertSql;
  private final String deleteSql;
  private final AppliedCount<K, V> count;
  /** PostgreSQL's one-statement upsert, or null for the other dialects. */
  private final PgArrayUpsert<K, V> arrayUpsert;

  GuardedBatch(TableSpec spec, RowBinder<K, V> binder, Tombstones tombstones, String upsertSql,
      String deleteSql) {
    this.spec = spec;
    this.binder = binder;
    this.tombstones = tombstones;
    this.upsertSql = upsertSql;
    this.deleteSql = deleteSql;
    PgColumnTypes types = spec.dialect() == Dialect.POSTGRESQL ? new PgColumnTypes(spec) : null;
    this.count = new AppliedCount<>(spec, binder, tombstones, types);
    this.arrayUpsert = types == null ? null : new PgArrayUpsert<>(spec, binder, types);
  }

  /** Runs the steps; returns how many records took effect (see {@link JdbcSink#apply}). */
  int apply(Connection c, List<BatchEntry<K, V>> entries) throws SQLException {
    Map<String, Long> tomb = mayHaveTombstones(c) ? tombstones.read(c, texts(entries)) : Map.of();
    List<BatchEntry<K, V>> upserts = new ArrayList<>();
    List<BatchEntry<K, V>> superseding = new ArrayList<>();
    List<BatchEntry<K, V>> deletes = new ArrayList<>();
    int advancingDeletes = 0;
    for (BatchEntry<K, V> e : entries) {
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
      changed += count.deletes(c, deletes, counts, advancingDeletes);
    }
    if (!upserts.isEmpty()) {
      int applied = arrayUpsert == null ? -1 : arrayUpsert.apply(c, upserts);
      if (applied >= 0) {
        changed += applied - undoResurrections(c, upserts);
      } else {
        changed += upsertRowByRow(c, upserts);
      }
    }
    if (!deletes.isEmpty()) {
      deleteRows(c, deletes);
    }
    return changed;
  }

  /** The other dialects, and rows PostgreSQL cannot take as arrays: one JDBC batch, counted apart. */
  private int upsertRowByRow(Connection c, List<BatchEntry<K, V>> upserts) throws SQLException {
    int before = count.beforeUpserts(c, upserts);
    int[] counts = upsert(c, upserts);
    int undone = undoResurrections(c, upserts);
    return count.upserts(c, upserts, before, counts, undone);
  }

  private int[] upsert(Connection c, List<BatchEntry<K, V>> upserts) throws SQLException {
    int versionIndex = spec.columns().size() + 2;
    try (PreparedStatement ps = c.prepareStatement(upsertSql)) {
      for (BatchEntry<K, V> e : upserts) {
        binder.bindKey(ps, 1, e.key());
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
  private int undoResurrections(Connection c, List<BatchEntry<K, V>> upserts) throws SQLException {
    if (!mayHaveTombstones(c)) {
      return 0;
    }
    Map<String, Long> tomb = tombstones.readUnlocked(c, texts(upserts));
    if (tomb.isEmpty()) {
      return 0;
    }
    int undone = 0;
    try (PreparedStatement ps = c.prepareStatement(RowSql.deleteNotNewerThan(spec))) {
      for (BatchEntry<K, V> e : upserts) {
        Long t = tomb.get(e.text());
        if (t != null && e.version() <= t) {
          binder.bindKey(ps, 1, e.key());
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

  /**
   * False when PostgreSQL shows the table without any tombstone: reading the batch's keys
   * would find none and lock none, and a table without recent deletes is the common case, so
   * one index probe replaces two reads of every key. The statement sees what the key read in
   * its place would see (its own snapshot under READ COMMITTED, the transaction's under
   * REPEATABLE READ, taken at the same point). Not for MariaDB: there a plain read would fix
   * the transaction's snapshot before the upserts, and the re-check after them must see
   * deletes that committed meanwhile.
   */
  private boolean mayHaveTombstones(Connection c) throws SQLException {
    return spec.dialect() != Dialect.POSTGRESQL || tombstones.any(c);
  }

  private void deleteRows(Connection c, List<BatchEntry<K, V>> deletes) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(deleteSql)) {
      for (BatchEntry<K, V> e : deletes) {
        binder.bindKey(ps, 1, e.key());
        ps.setLong(2, e.version());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
