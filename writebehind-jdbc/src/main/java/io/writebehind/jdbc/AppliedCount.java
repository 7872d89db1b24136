package io.writebehind.jdbc;

import static io.writebehind.jdbc.BatchEntry.texts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * Counts how many records of a batch took effect, the way each dialect's driver allows.
 *
 * <p>Where the driver reports a count per record (H2; PostgreSQL without batch rewriting)
 * they are summed; PostgreSQL's rewritten batches report no counts, so one query counts the
 * batch's rows whose xmin is this transaction (exact); MariaDB's counts cannot tell an
 * unchanged row from an inserted one, so it counts the batch's (key, version) pairs present
 * before and after the upserts, which is exact under REPEATABLE READ (the default) and
 * approximate under READ COMMITTED if other writers race on the same keys. A row whose
 * version was NULL matches no pair before and its new one after, so advancing it counts.
 */
final class AppliedCount<K, V> {
  private static final int PAIR_CHUNK = Tombstones.CHUNK / 2;

  private final TableSpec spec;
  private final RowBinder<K, V> binder;
  private final Tombstones tombstones;
  /** PostgreSQL's column types, for counting with one array parameter; null elsewhere. */
  private final PgColumnTypes pgTypes;

  AppliedCount(TableSpec spec, RowBinder<K, V> binder, Tombstones tombstones, PgColumnTypes pgTypes) {
    this.spec = spec;
    this.binder = binder;
    this.tombstones = tombstones;
    this.pgTypes = pgTypes;
  }

  /**
   * Deletes that inserted or advanced their key's tombstone. {@code advancing} is what the
   * tombstone read predicted, which MariaDB has to trust since its counts say nothing.
   */
  int deletes(Connection c, List<BatchEntry<K, V>> deletes, int[] counts, int advancing)
      throws SQLException {
    return switch (spec.dialect()) {
      case MARIADB -> advancing;
      case POSTGRESQL -> {
        int sum = exactSum(counts);
        yield sum >= 0 ? sum : tombstones.countWrittenByThisTransaction(c, texts(deletes));
      }
      case H2 -> lenientSum(counts);
    };
  }

  /** Taken before the upserts run: the baseline MariaDB's after-count is compared with. */
  int beforeUpserts(Connection c, List<BatchEntry<K, V>> upserts) throws SQLException {
    return spec.dialect() == Dialect.MARIADB ? countAtVersion(c, upserts) : 0;
  }

  /** Upserts that inserted or updated their row and were not undone afterwards. */
  int upserts(Connection c, List<BatchEntry<K, V>> upserts, int before, int[] counts, int undone)
      throws SQLException {
    return switch (spec.dialect()) {
      case MARIADB -> countAtVersion(c, upserts) - before;
      case POSTGRESQL -> {
        int sum = exactSum(counts);
        yield sum >= 0 ? sum - undone : countWrittenByThisTransaction(c, upserts);
      }
      case H2 -> Math.max(0, lenientSum(counts) - undone);
    };
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

  private int countAtVersion(Connection c, List<BatchEntry<K, V>> entries) throws SQLException {
    int total = 0;
    for (int from = 0; from < entries.size(); from += PAIR_CHUNK) {
      List<BatchEntry<K, V>> chunk =
          entries.subList(from, Math.min(entries.size(), from + PAIR_CHUNK));
      try (PreparedStatement ps = c.prepareStatement(RowSql.countAtVersion(spec, chunk.size()))) {
        int i = 1;
        for (BatchEntry<K, V> e : chunk) {
          binder.bindKey(ps, i++, e.key());
          ps.setLong(i++, e.version());
        }
        total += singleInt(ps);
      }
    }
    return total;
  }

  private int countWrittenByThisTransaction(Connection c, List<BatchEntry<K, V>> entries)
      throws SQLException {
    String keyType = pgTypes.keyType(c);
    if (!keyType.isEmpty() && entries.stream().allMatch(e -> e.key() != null && PgArrayUpsert.plain(e.key()))) {
      // One statement whose text never changes (so PostgreSQL keeps its plan), instead of
      // chunks of hundreds of placeholders parsed anew for every batch.
      try (PreparedStatement ps = c.prepareStatement(RowSql.countWrittenByThisTransaction(spec, keyType))) {
        ps.setArray(1, c.createArrayOf("varchar", entries.stream().map(e -> String.valueOf(e.key())).toArray()));
        return singleInt(ps);
      }
    }
    int total = 0;
    for (int from = 0; from < entries.size(); from += Tombstones.CHUNK) {
      List<BatchEntry<K, V>> chunk =
          entries.subList(from, Math.min(entries.size(), from + Tombstones.CHUNK));
      String sql = RowSql.countWrittenByThisTransaction(spec, chunk.size());
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int i = 1;
        for (BatchEntry<K, V> e : chunk) {
          binder.bindKey(ps, i++, e.key());
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
}
