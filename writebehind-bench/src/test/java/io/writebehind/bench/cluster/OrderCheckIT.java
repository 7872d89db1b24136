package io.writebehind.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.writebehind.bench.Fixture;
import io.writebehind.bench.Payloads;
import io.writebehind.bench.Plan;
import io.writebehind.jdbc.KeyValueTable;
import io.writebehind.sink.Sink;
import io.writebehind.sink.SinkRecord;
import io.writebehind.testkit.TestServers;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cluster drain's order check sees what it is there to see, through the sink's real
 * upsert: an older write of a key stored over a newer one (a version given out of write
 * order gets past the version guard), and keys not at their last version.
 */
class OrderCheckIT {
  @Test
  void anOlderWriteOverANewerOneAndAKeyBehindAreSeen() throws Exception {
    try (Fixture fixture = Fixture.open(TestServers.valkeyUrl(), TestServers.postgresJdbcUrl(), Plan.quick());
        HikariDataSource pool = fixture.pool(2, "order-check")) {
      String table = fixture.genericTable("order_check");
      OrderCheck.install(fixture.admin(), table);
      Sink<Long, String> sink = KeyValueTable.sink(pool, table);
      sink.apply(List.of(record(1, 2, 10), record(2, 3, 10)));
      sink.apply(List.of(record(1, 3, 20), record(2, 3, 20)));
      assertThat(OrderCheck.regressions(fixture.admin(), table)).as("newer versions only").isZero();
      assertThat(OrderCheck.keysBehind(fixture.admin(), table, 1, 3, 3)).as("key 3 never written").isEqualTo(1);

      sink.apply(List.of(record(1, 1, 30))); // write 1 of key 1 under a version above write 3's
      assertThat(OrderCheck.regressions(fixture.admin(), table)).isEqualTo(1);
      assertThat(OrderCheck.keysBehind(fixture.admin(), table, 1, 2, 3)).as("key 1 went back").isEqualTo(1);
    }
  }

  private static SinkRecord<Long, String> record(long key, long seq, long version) {
    return new SinkRecord<>(key, Payloads.of(key, seq), version, System.currentTimeMillis(), null, 1);
  }
}
