package io.writebehind.flights;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.writebehind.jdbc.Dialect;
import io.writebehind.sink.SinkRecord;
import java.time.LocalDateTime;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** What the sink refuses before it connects. */
class FlightSinkTest {

  @Test
  void twoRecordsOfOneFlightAreRefusedNotFolded() {
    LocalDateTime t = LocalDateTime.of(2025, 10, 1, 11, 19);
    Flight f = new Flight(115, "AM5136", t, t.plusHours(4), 1, 2, "YPC", "XGR", "airline");
    List<SinkRecord<Long, Flight>> batch = List.of(
        new SinkRecord<>(115L, f, 3, 0, null, 1), new SinkRecord<>(115L, f.withTimes(t, t.plusHours(5)), 2, 0, null, 1));
    // The data source is never asked for a connection: the batch fails its checks first.
    FlightSink sink = new FlightSink(new JdbcDataSource(), Dialect.H2);
    assertThatThrownBy(() -> sink.apply(batch))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batch holds two records of flight 115; a sink takes at most one record per key");
  }
}
