package io.writebehind.it;

import io.writebehind.Events;
import io.writebehind.it.EventFixture.Reading;
import io.writebehind.jdbc.DataSources;
import io.writebehind.jdbc.JdbcEventSink;
import io.writebehind.sink.EventSink;
import io.writebehind.worker.WorkerOptions;
import java.time.Duration;
import java.util.Set;

/**
 * An events worker process for the kill -9 tests. With a crash point it announces the
 * moment and stands still there: {@code before-commit} with a batch read and nothing
 * committed, {@code after-commit} with the rows and the position committed and the journal
 * not yet acknowledged.
 *
 * <p>Args: valkeyUrl jdbcUrl namespace table partitions crashPoint(none|before-commit|after-commit)
 */
public final class CrashableEventWorkerMain {
  private CrashableEventWorkerMain() {}

  public static void main(String[] args) throws Exception {
    String crashPoint = args[5];
    JdbcEventSink<Long, Reading> jdbc = EventFixture.sink(DataSources.hikari(args[1], 2, "child"), args[3]);
    EventSink<Long, Reading> sink = batch -> {
      if (crashPoint.equals("before-commit")) {
        KillCycle.standStill("before-commit");
      }
      Set<Integer> gaps = jdbc.apply(batch);
      if (crashPoint.equals("after-commit")) {
        KillCycle.standStill("after-commit");
      }
      return gaps;
    };
    Events<Long, Reading> events = EventFixture.build(args[0], args[2], Integer.parseInt(args[4]), sink);
    events.startWorker(WorkerOptions.builder().leaseTtl(Duration.ofMillis(800)).linger(Duration.ofMillis(5)).batchSize(200).build());
    System.out.println("READY");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
