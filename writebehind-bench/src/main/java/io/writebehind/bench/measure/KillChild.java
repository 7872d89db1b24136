package io.writebehind.bench.measure;

import io.writebehind.bench.Fixture;
import io.writebehind.bench.Plan;
import io.writebehind.bench.SystemNames;
import io.writebehind.bench.systems.BenchSystem;
import io.writebehind.bench.systems.Systems;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The process the kill tests kill: it writes and drains (each system its own way, in this
 * one process) and logs each write to the directory's ack log ({@link #ACKS}) after it was
 * acknowledged. A line only follows the acknowledgement, so every logged write is one the
 * caller was told is safe. Each line is one unbuffered write: the kernel has it when the
 * process is killed.
 *
 * <p>Overwrites ({@link WorkerKill}) log "key seq", each writer on keys of its own. Counting
 * systems ({@link CounterKill}) add one to random keys and log "key,1", and log the same
 * line to {@link #SENT} before each increment: an increment sent but not acknowledged when
 * the kill came may or may not be counted.
 *
 * <p>Arguments: system, valkey URL, run id, JDBC URL of the run's schema, log directory,
 * writers, writes per second in all.
 */
public final class KillChild {
  static final String ACKS = "acks.log";
  static final String SENT = "sent.log";

  private KillChild() {}

  public static void main(String[] args) throws Exception {
    String name = args[0];
    Fixture fixture = Fixture.attach(args[1], args[2], args[3], Plan.quick());
    Path dir = Path.of(args[4]);
    int writers = Integer.parseInt(args[5]);
    double rate = Double.parseDouble(args[6]);
    boolean counting = SystemNames.counts(name);
    BenchSystem system = Systems.open(name, fixture);
    system.phase("kill");
    system.startDrain();
    FileOutputStream acks = new FileOutputStream(dir.resolve(ACKS).toFile(), true);
    FileOutputStream sent = counting ? new FileOutputStream(dir.resolve(SENT).toFile(), true) : null;
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
            if (counting) {
              long key = CounterKill.KEY_BASE + ThreadLocalRandom.current().nextLong(CounterKill.KEYS);
              byte[] line = (key + ",1\n").getBytes(StandardCharsets.US_ASCII);
              append(sent, line);
              system.write(key, seq);
              append(acks, line);
            } else {
              long key = system.key(WorkerKill.KEY_BASE + id * WorkerKill.KEYS_PER_WRITER + seq % WorkerKill.KEYS_PER_WRITER);
              system.write(key, seq);
              append(acks, (key + " " + seq + "\n").getBytes(StandardCharsets.US_ASCII));
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

  private static void append(FileOutputStream log, byte[] line) throws java.io.IOException {
    synchronized (log) {
      log.write(line);
    }
  }
}
