package io.writebehind.it;

import static io.writebehind.it.WorkerKillIT.awaitLine;

import io.writebehind.testkit.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;

/**
 * The kill -9 plan of the exactly-once tests: while the producer processes go on, a worker
 * process is killed before a commit, between a commit and its acknowledgement, and at
 * random; then the producers are told to stop and waited for.
 */
final class KillCycle {
  /** Where each worker stands when it is killed ({@code none}: anywhere, after a random while). */
  static final List<String> POINTS = List.of("before-commit", "after-commit", "none", "after-commit", "none");

  private KillCycle() {}

  /** Runs the plan; {@code worker} starts a worker process with a crash point and its log file. */
  static void run(List<ChildJvm> producers, Path stop, Path dir, BiFunction<String, Path, ChildJvm> worker) throws Exception {
    try {
      for (ChildJvm p : producers) {
        awaitLine(p, "READY", Duration.ofSeconds(60));
      }
      for (String point : POINTS) {
        try (ChildJvm child = worker.apply(point, dir.resolve("worker-" + point + System.nanoTime() + ".log"))) {
          if (point.equals("none")) {
            awaitLine(child, "READY", Duration.ofSeconds(60));
            Thread.sleep(200 + ThreadLocalRandom.current().nextInt(800));
          } else {
            awaitLine(child, "CRASH-POINT " + point, Duration.ofSeconds(60));
          }
          child.kill9();
        }
      }
      Files.writeString(stop, "stop");
      for (ChildJvm p : producers) {
        awaitLine(p, "DONE", Duration.ofSeconds(120));
      }
    } finally {
      producers.forEach(ChildJvm::close);
    }
  }

  /** In a worker process: announces the crash point and stands still there until killed. */
  static void standStill(String point) throws InterruptedException {
    System.out.println("CRASH-POINT " + point);
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
