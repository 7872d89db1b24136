package io.writebehind.flights;

import io.writebehind.jdbc.Dialect;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;

/** One migrated, loaded flights database per dialect, shared by the tests of one class. */
final class FlightsDatabases implements AutoCloseable {

  static final long FLIGHTS = 5_000;
  static final long SEED = FlightsGenerator.DEFAULT_SEED;

  private final Map<Dialect, FreshDatabase> databases = new EnumMap<>(Dialect.class);

  /** Created on first use, so a dialect's server is only needed by the tests that use it. */
  synchronized FreshDatabase get(Dialect dialect) throws SQLException {
    FreshDatabase db = databases.get(dialect);
    if (db == null) {
      db = FreshDatabase.create(dialect);
      databases.put(dialect, db);
      FlightsSchema.migrate(db.dataSource, dialect);
      FlightsLoader.load(db.dataSource, dialect, FLIGHTS, SEED, null);
    }
    return db;
  }

  @Override
  public synchronized void close() throws SQLException {
    SQLException first = null;
    for (FreshDatabase db : databases.values()) {
      try {
        db.close();
      } catch (SQLException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    databases.clear();
    if (first != null) {
      throw first;
    }
  }
}
