package io.writebehind.flights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.writebehind.jdbc.Dialect;
import io.writebehind.sink.SinkRecord;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each test changes flights of its own, so the tests share one loaded database per dialect. */
class FlightSinkIT {

  private static final FlightsDatabases DATABASES = new FlightsDatabases();
  private static final String DELAYED = FlightChange.of("demo", "Flight delayed by 2 hours due to weather").toMeta();

  @AfterAll
  static void dropDatabases() throws Exception {
    DATABASES.close();
  }

  private static SinkRecord<Long, Flight> record(Flight value, long version, String meta, int coalesced) {
    return new SinkRecord<>(value.flightId(), value, version, System.currentTimeMillis(), meta, coalesced);
  }

  private static Flight delayed(Flight f, int hours) {
    return f.withTimes(f.departure().plusHours(hours), f.arrival().plusHours(hours));
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void appliesTheWalkthroughsUpdateOnceWhateverTheReplays(Dialect dialect) throws Exception {
    FreshDatabase db = DATABASES.get(dialect);
    FlightRepository repo = new FlightRepository(db.dataSource, dialect);
    FlightSink sink = new FlightSink(db.dataSource, dialect);
    Flight v1 = repo.find(115).orElseThrow();
    Flight v2 = delayed(v1, 2);

    List<SinkRecord<Long, Flight>> batch = List.of(record(v2, 2, DELAYED, 1));
    assertThat(sink.apply(batch)).isEqualTo(1);
    assertThat(repo.find(115)).contains(v2);
    assertThat(repo.version(115)).isEqualTo(2);
    List<FlightLogRow> log = repo.log(115);
    assertThat(log).hasSize(1);
    FlightLogRow row = log.get(0);
    assertThat(row.user()).isEqualTo("demo");
    assertThat(row.comment()).isEqualTo("Flight delayed by 2 hours due to weather");
    assertThat(row.flightnoOld()).isEqualTo("AM5136");
    assertThat(row.flightnoNew()).isEqualTo("AM5136");
    assertThat(row.fromOld()).isEqualTo(FlightsGenerator.YPC_ID).isEqualTo(row.fromNew());
    assertThat(row.toOld()).isEqualTo(FlightsGenerator.XGR_ID).isEqualTo(row.toNew());
    assertThat(row.departureOld()).isEqualTo(v1.departure());
    assertThat(row.arrivalOld()).isEqualTo(v1.arrival());
    assertThat(row.departureNew()).isEqualTo("2025-10-01T13:19:00");
    assertThat(row.arrivalNew()).isEqualTo("2025-10-01T17:03:00");
    assertThat(row.airplaneIdOld()).isEqualTo(v1.airplaneId()).isEqualTo(row.airplaneIdNew());
    assertThat(row.airlineIdOld()).isEqualTo(v1.airlineId()).isEqualTo(row.airlineIdNew());
    assertThat(row.logDate()).isNotNull();

    // The same batch again (a crash before the acknowledgement): nothing changes.
    assertThat(sink.apply(batch)).isZero();
    // An older write arriving late (a zombie worker): nothing changes.
    assertThat(sink.apply(List.of(record(v1, 1, null, 1)))).isZero();
    assertThat(repo.find(115)).contains(v2);
    assertThat(repo.version(115)).isEqualTo(2);
    assertThat(repo.countLog(115)).isEqualTo(1);

    // Step 8 of the walkthrough: restore the original times, a newer version.
    assertThat(sink.apply(List.of(record(v1, 3, null, 1)))).isEqualTo(1);
    assertThat(repo.find(115)).contains(v1);
    // Both log rows may share a log_date, so find the restore by its values.
    assertThat(repo.log(115)).hasSize(2)
        .filteredOn(r -> r.departureOld().equals(v2.departure()))
        .singleElement().satisfies(r -> {
          assertThat(r.departureNew()).isEqualTo(v1.departure());
          assertThat(r.arrivalNew()).isEqualTo(v1.arrival());
          assertThat(r.user()).isEqualTo("writebehind");
          assertThat(r.comment()).isNull();
        });
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aCoalescedRecordLogsOneRowFromTheStoredToTheFinalValue(Dialect dialect) throws Exception {
    FreshDatabase db = DATABASES.get(dialect);
    FlightRepository repo = new FlightRepository(db.dataSource, dialect);
    Flight before = repo.find(200).orElseThrow();
    Flight last = delayed(before, 5);

    int applied = new FlightSink(db.dataSource, dialect)
        .apply(List.of(record(last, 5, FlightChange.of("ops", "rolling delay").toMeta(), 5)));

    assertThat(applied).isEqualTo(1);
    assertThat(repo.find(200)).contains(last);
    assertThat(repo.log(200)).singleElement().satisfies(r -> {
      assertThat(r.user()).isEqualTo("ops");
      assertThat(r.comment()).isEqualTo("rolling delay (5 updates coalesced)");
      assertThat(r.departureOld()).isEqualTo(before.departure());
      assertThat(r.departureNew()).isEqualTo(last.departure());
      assertThat(r.arrivalOld()).isEqualTo(before.arrival());
      assertThat(r.arrivalNew()).isEqualTo(last.arrival());
    });
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aBigBatchIsOneTransactionThatSkipsWhatIsNotNewer(Dialect dialect) throws Exception {
    FreshDatabase db = DATABASES.get(dialect);
    FlightRepository repo = new FlightRepository(db.dataSource, dialect);
    FlightSink sink = new FlightSink(db.dataSource, dialect);
    List<SinkRecord<Long, Flight>> batch = new ArrayList<>();
    // More flights than one lock query takes, so the chunking runs too.
    for (long id = 1_000; id < 1_000 + FlightSink.LOCK_CHUNK + 10; id++) {
      batch.add(record(delayed(repo.find(id).orElseThrow(), 1), 10, DELAYED, 1));
    }
    assertThat(sink.apply(batch)).isEqualTo(batch.size());
    assertThat(repo.version(1_000)).isEqualTo(10);
    assertThat(repo.version(1_000 + FlightSink.LOCK_CHUNK + 9)).isEqualTo(10);

    List<SinkRecord<Long, Flight>> mixed = List.of(
        record(delayed(batch.get(0).value(), 1), 11, DELAYED, 1),
        record(delayed(batch.get(1).value(), 1), 9, DELAYED, 1));
    assertThat(sink.apply(mixed)).isEqualTo(1);
    assertThat(repo.countLog(1_000)).isEqualTo(2);
    assertThat(repo.countLog(1_001)).isEqualTo(1);
    assertThat(repo.find(1_001)).contains(batch.get(1).value());
  }

  /**
   * A wb_version added to a table with rows holds NULL in each; NULL is older than every
   * write. Here the column loses NOT NULL and 300 flights of their own get NULL.
   */
  @ParameterizedTest
  @EnumSource(Dialect.class)
  void flightsWithANullVersionGetTheirNewTimes(Dialect dialect) throws Exception {
    FreshDatabase db = DATABASES.get(dialect);
    FlightRepository repo = new FlightRepository(db.dataSource, dialect);
    FlightSink sink = new FlightSink(db.dataSource, dialect);
    long first = 4_000;
    long last = first + 299;
    try (Connection c = db.dataSource.getConnection(); Statement st = c.createStatement()) {
      st.execute(dialect == Dialect.MARIADB
          ? "ALTER TABLE flight MODIFY wb_version BIGINT NULL"
          : "ALTER TABLE flight ALTER COLUMN wb_version DROP NOT NULL");
      st.executeUpdate("UPDATE flight SET wb_version = NULL WHERE flight_id BETWEEN " + first + " AND " + last);
    }
    List<SinkRecord<Long, Flight>> batch = new ArrayList<>();
    for (long id = first; id <= last; id++) {
      batch.add(record(delayed(repo.find(id).orElseThrow(), 3), 7, DELAYED, 1));
    }

    assertThat(sink.apply(batch)).isEqualTo(300);
    for (SinkRecord<Long, Flight> r : batch) {
      assertThat(repo.find(r.key())).contains(r.value());
      assertThat(repo.version(r.key())).isEqualTo(7);
      assertThat(repo.countLog(r.key())).isEqualTo(1);
    }
    // From now on the versions guard: a replay and an older write change nothing.
    assertThat(sink.apply(batch)).isZero();
    Flight older = delayed(batch.get(0).value(), 1);
    assertThat(sink.apply(List.of(record(older, 6, null, 1)))).isZero();
    assertThat(repo.find(first)).contains(batch.get(0).value());
    assertThat(repo.countLog(first)).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void rejectsWhatItCannotWriteAndCommitsNothingOfTheBatch(Dialect dialect) throws Exception {
    FreshDatabase db = DATABASES.get(dialect);
    FlightRepository repo = new FlightRepository(db.dataSource, dialect);
    FlightSink sink = new FlightSink(db.dataSource, dialect);
    Flight f = repo.find(300).orElseThrow();
    SinkRecord<Long, Flight> good = record(delayed(f, 1), 2, null, 1);

    SinkRecord<Long, Flight> delete = new SinkRecord<>(301L, null, 2, 0, null, 1);
    assertThatThrownBy(() -> sink.apply(List.of(good, delete)))
        .isInstanceOf(FlightRecordRejectedException.class)
        .hasMessageContaining("flight 301")
        .hasMessageContaining("deleting flights is not supported");

    Flight missing = f.withTimes(f.departure(), f.arrival());
    SinkRecord<Long, Flight> unknown = new SinkRecord<>(9_999_999L,
        new Flight(9_999_999L, f.flightno(), f.departure(), f.arrival(), f.airlineId(),
            f.airplaneId(), f.fromAirport(), f.toAirport(), f.airlinename()), 2, 0, null, 1);
    assertThatThrownBy(() -> sink.apply(List.of(good, unknown)))
        .isInstanceOf(FlightRecordRejectedException.class)
        .hasMessageContaining("no such flight");

    SinkRecord<Long, Flight> otherFlight = new SinkRecord<>(302L, missing, 2, 0, null, 1);
    assertThatThrownBy(() -> sink.apply(List.of(otherFlight)))
        .isInstanceOf(FlightRecordRejectedException.class)
        .hasMessageContaining("value is for flight 300");

    Flight renumbered = new Flight(300, "ZZ0001", f.departure(), f.arrival(), f.airlineId(),
        f.airplaneId(), f.fromAirport(), f.toAirport(), f.airlinename());
    assertThatThrownBy(() -> sink.apply(List.of(record(renumbered, 3, null, 1))))
        .isInstanceOf(FlightRecordRejectedException.class)
        .hasMessageContaining("only departure and arrival can change");

    assertThat(repo.find(300)).contains(f);
    assertThat(repo.version(300)).isZero();
    assertThat(repo.countLog(300)).isZero();
  }
}
