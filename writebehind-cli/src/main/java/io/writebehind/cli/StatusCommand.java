package io.writebehind.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.writebehind.engine.QueueStatus;
import io.writebehind.engine.WorkerInfo;
import io.writebehind.journal.PartitionProgress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The queue at a glance, for people and for monitoring; reads Valkey only, never the database. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Journal length, pending entries, oldest unflushed write and workers, per partition.",
        "Reads Valkey only: --database-url is not used."})
public final class StatusCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Option(names = "--json", description = "Print JSON")
  boolean json;

  @Option(names = "--check", description = "Exit 1 when a threshold below is passed (for monitoring)")
  boolean check;

  @Option(names = "--max-window-ms", defaultValue = "60000", description = "With --check: oldest unflushed write allowed (default ${DEFAULT-VALUE})")
  long maxWindowMs;

  @Option(names = "--max-dead-letters", defaultValue = "0", description = "With --check: dead letters allowed (default ${DEFAULT-VALUE})")
  long maxDeadLetters;

  @Override
  public Integer call() throws Exception {
    if (maxWindowMs < 0) {
      throw CliException.badInput("--max-window-ms must be zero or more, was " + maxWindowMs);
    }
    if (maxDeadLetters < 0) {
      throw CliException.badInput("--max-dead-letters must be zero or more, was " + maxDeadLetters);
    }
    try (Session s = Session.openExisting(connection)) {
      QueueStatus status = s.engine().status();
      if (json) {
        System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toJson(status)));
      } else {
        print(status);
      }
      if (check) {
        boolean windowOk = status.oldestUnflushedAgeMillis() <= maxWindowMs;
        boolean dlqOk = status.deadLetters() <= maxDeadLetters;
        if (!windowOk || !dlqOk) {
          System.err.printf("writebehind: CHECK FAILED:%s%s%n",
              windowOk ? "" : " oldest unflushed write " + status.oldestUnflushedAgeMillis() + " ms > " + maxWindowMs + " ms;",
              dlqOk ? "" : " " + status.deadLetters() + " dead letters > " + maxDeadLetters + ";");
          return 1;
        }
      }
      return 0;
    }
  }

  private static void print(QueueStatus status) {
    System.out.printf("namespace %s: %,d unflushed, %,d pending, oldest unflushed write %,d ms ago, %,d dead letters%n",
        status.namespace(), status.journalLength(), status.pending(), status.oldestUnflushedAgeMillis(), status.deadLetters());
    System.out.printf("%-9s %10s %9s %13s %12s  %s%n", "partition", "journal", "pending", "oldest (ms)", "dead letters", "held by");
    for (PartitionProgress p : status.partitions()) {
      System.out.printf("%-9d %10d %9d %13d %12d  %s%n", p.partition(), p.length(), p.pending(),
          p.oldestUnflushedAgeMillis(), p.deadLetters(), p.leaseOwner() == null ? "-" : p.leaseOwner());
    }
    List<WorkerInfo> workers = status.workers();
    System.out.println(workers.isEmpty() ? "no workers" : "workers:");
    for (WorkerInfo w : workers) {
      System.out.printf("  %-32s %-5s beat %,d ms ago, %d partitions, %,d flushed%s%n", w.id(), w.alive() ? "alive" : "DEAD",
          w.lastHeartbeatAgeMillis(), w.partitions(), w.flushed(), w.lastError() == null ? "" : ", last error: " + w.lastError());
    }
  }

  static Map<String, Object> toJson(QueueStatus status) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("namespace", status.namespace());
    m.put("journalLength", status.journalLength());
    m.put("pending", status.pending());
    m.put("oldestUnflushedAgeMs", status.oldestUnflushedAgeMillis());
    m.put("deadLetters", status.deadLetters());
    m.put("partitions", status.partitions().stream().map(p -> {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("partition", p.partition());
      pm.put("journalLength", p.length());
      pm.put("pending", p.pending());
      pm.put("oldestUnflushedAgeMs", p.oldestUnflushedAgeMillis());
      pm.put("deadLetters", p.deadLetters());
      pm.put("leaseOwner", p.leaseOwner());
      return pm;
    }).toList());
    m.put("workers", status.workers());
    return m;
  }
}
