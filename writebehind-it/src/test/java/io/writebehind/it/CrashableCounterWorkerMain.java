package io.writebehind.it;

import io.writebehind.Counters;
import io.writebehind.jdbc.DataSources;
import io.writebehind.jdbc.JdbcCounterSink;
import io.writebehind.sink.CounterRow;
import io.writebehind.sink.CounterSink;
import io.writebehind.sink.DeltaBatch;
import io.writebehind.worker.WorkerOptions;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A counters worker process for the kill -9 tests. With a crash point it announces the
 * moment and stands still there: {@code before-commit} with a batch read and nothing
 * committed, {@code after-commit} with the deltas and the position committed and the journal
 * not yet acknowledged.
 *
 * <p>Args: valkeyUrl jdbcUrl namespace table partitions crashPoint(none|before-commit|after-commit)
 */
public final class CrashableCounterWorkerMain {
  private CrashableCounterWorkerMain() {}

  public static void main(String[] args) throws Exception {
    String crashPoint = args[5];
    JdbcCounterSink<Long> jdbc = JdbcCounterSink.<Long>builder(DataSources.hikari(args[1], 2, "child"), args[3], "id").build();
    CounterSink<Long> sink = new CounterSink<>() {
      @Override
      public Set<Integer> apply(DeltaBatch<Long> batch) throws Exception {
        if (crashPoint.equals("before-commit")) {
          KillCycle.standStill("before-commit");
        }
        Set<Integer> gaps = jdbc.apply(batch);
        if (crashPoint.equals("after-commit")) {
          KillCycle.standStill("after-commit");
        }
        return gaps;
      }

      @Override
      public CounterRow load(String namespace, int partition, Long key, List<String> fields) throws Exception {
        return jdbc.load(namespace, partition, key, fields);
      }
    };
    Counters<Long> counters = CounterFixture.build(args[0], args[2], Integer.parseInt(args[4]), sink);
    counters.startWorker(WorkerOptions.builder().leaseTtl(Duration.ofMillis(800)).linger(Duration.ofMillis(5)).batchSize(200).build());
    System.out.println("READY");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
