package io.writebehind.bench.events;

import com.zaxxer.hikari.HikariDataSource;
import io.writebehind.Events;
import io.writebehind.jdbc.DataSources;
import io.writebehind.worker.WorkerOptions;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The process the events kill test kills: producers append position reports at a steady
 * rate while a worker of the same process ingests them; after each acknowledged append a
 * line "event_id flight_id" goes to the ack log, so every logged event is one its producer
 * was told is safe.
 *
 * <p>Arguments: valkey URL, namespace, JDBC URL of the run's schema, table, ack log,
 * producers, appends per second in all.
 */
public final class EventKillChild {
  private EventKillChild() {}

  public static void main(String[] args) throws Exception {
    HikariDataSource pool = DataSources.hikari(args[2], 4, "wbbench-event-kill");
    Events<Long, Report> events = Events.builder(Report.CODEC).valkeyUrl(args[0]).namespace(args[1])
        .sink(EventTable.sink(pool, args[3])).build();
    events.startWorker(WorkerOptions.defaults());
    FileOutputStream log = new FileOutputStream(args[4], true);
    int producers = Integer.parseInt(args[5]);
    double intervalNanos = producers * 1e9 / Double.parseDouble(args[6]);
    for (int p = 0; p < producers; p++) {
      final int id = p;
      Thread t = new Thread(() -> {
        long next = System.nanoTime();
        for (long seq = 0; ; seq++) {
          try {
            long wait = next - System.nanoTime();
            if (wait > 0) {
              Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            next += (long) intervalNanos;
            long flight = EventTable.flight(id * 1000L + seq % 1000);
            long eventId = events.append(flight, Report.of(flight, seq));
            byte[] line = (eventId + " " + flight + "\n").getBytes(StandardCharsets.US_ASCII);
            synchronized (log) {
              log.write(line);
            }
          } catch (Exception e) {
            System.err.println("append failed: " + e);
          }
        }
      }, "kill-producer-" + p);
      t.start();
    }
    System.out.println("READY");
    System.out.flush();
  }
}
