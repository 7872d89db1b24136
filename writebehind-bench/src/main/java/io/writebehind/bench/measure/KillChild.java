package io.writebehind.bench.measure;

import io.writebehind.bench.Fixture;
import io.writebehind.bench.Plan;
import io.writebehind.bench.systems.BenchSystem;
import io.writebehind.bench.systems.Systems;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The process the kill test kills: it writes and drains (each system its own way, in this
 * one process), and appends "key seq" to the ack log after each acknowledged write. A line
 * only follows the acknowledgement, so every logged write is one the caller was told is safe.
 *
 * <p>Arguments: system, valkey URL, run id, JDBC URL of the run's schema, ack log, writers,
 * writes per second in all.
 */
public final class KillChild {
  private KillChild() {}

  public static void main(String[] args) throws Exception {
    String name = args[0];
    Fixture fixture = Fixture.attach(args[1], args[2], args[3], Plan.quick());
    String ackLog = args[4];
    int writers = Integer.parseInt(args[5]);
    double rate = Double.parseDouble(args[6]);
    BenchSystem system = Systems.open(name, fixture);
    system.phase("kill");
    system.startDrain();
    FileOutputStream log = new FileOutputStream(ackLog, true);
    double intervalNanos = writers * 1e9 / rate;
    for (int w = 0; w < writers; w++) {
      final int id = w;
      Thread t = new Thread(() -> {
        long next = System.nanoTime();
        for (long seq = 1_000_000; ; seq++) { // above any seq the other measurements wrote
          try {
            long wait = next - System.nanoTime();
            if (wait > 0) {
              Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            next += (long) intervalNanos;
            long key = system.key(WorkerKill.KEY_BASE + id * WorkerKill.KEYS_PER_WRITER + seq % WorkerKill.KEYS_PER_WRITER);
            system.write(key, seq);
            byte[] line = (key + " " + seq + "\n").getBytes(StandardCharsets.US_ASCII);
            synchronized (log) {
              log.write(line);
            }
          } catch (Exception e) {
            System.err.println("write failed: " + e);
          }
        }
      }, "kill-writer-" + w);
      t.start();
    }
    System.out.println("READY");
    System.out.flush();
  }
}
