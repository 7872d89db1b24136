package io.writebehind.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.writebehind.admin.QueueStatus;
import io.writebehind.admin.WorkerInfo;
import io.writebehind.admin.PartitionStatus;
import java.util.ArrayList;
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

  @Option(names = "--ack-loss", description = {"Acknowledge the journal losses shown (once the writes they held are",
      "restored or given up): flush() fails until then"})
  boolean ackLoss;

  @Override
  public Integer call() throws Exception {
    if (maxWindowMs < 0) {
      throw CliException.badInput("--max-window-ms must be zero or more, was " + maxWindowMs);
    }
    if (maxDeadLetters < 0) {
      throw CliException.badInput("--max-dead-letters must be zero or more, was " + maxDeadLetters);
    }
    try (Session s = Session.openExisting(connection)) {
      if (ackLoss) {
        long n = s.engine().admin().acknowledgeJournalLosses();
        System.err.printf("acknowledged the journal losses of %d partition(s)%n", n);
      }
      QueueStatus status = s.engine().admin().status();
      List<String> failed = check ? failedChecks(status) : List.of();
      if (json) {
        Map<String, Object> out = toJson(status);
        if (check) {
          Map<String, Object> result = new LinkedHashMap<>();
          result.put("ok", failed.isEmpty());
          result.put("failed", failed);
          out.put("check", result);
        }
        System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
      } else {
        print(status);
      }
      if (!failed.isEmpty()) {
        System.err.println("writebehind: CHECK FAILED: " + String.join("; ", failed));
        return 1;
      }
      return 0;
    }
  }

  /** What the queue breaks of --check's thresholds, one phrase each; empty when it keeps them all. */
  private List<String> failedChecks(QueueStatus status) {
    List<String> failed = new ArrayList<>();
    if (status.oldestUnflushedAgeMillis() > maxWindowMs) {
      failed.add(String.format("oldest unflushed write %,d ms > %,d ms", status.oldestUnflushedAgeMillis(), maxWindowMs));
    }
    if (status.deadLetters() > maxDeadLetters) {
      failed.add(String.format("%,d dead letters > %,d", status.deadLetters(), maxDeadLetters));
    }
    if (status.journalLosses() > 0) {
      failed.add(status.journalLosses() + " journal loss(es) not acknowledged");
    }
    return failed;
  }

  private static void print(QueueStatus status) {
    long kept = status.journalLength() - status.unflushed();
    System.out.printf("namespace %s: %,d unflushed%s, %,d pending%s, %,d dead letters%n", status.namespace(),
        status.unflushed(), kept > 0 ? String.format(" (%,d flushed kept for replay)", kept) : "", status.pending(),
        status.unflushed() == 0 ? "" : String.format(", oldest unflushed write %,d ms ago", status.oldestUnflushedAgeMillis()),
        status.deadLetters());
    if (status.journalLosses() > 0) {
      System.out.printf("JOURNAL LOST: %d time(s) a journal vanished with writes that may never reach the database%n"
          + "  (partitions %s); flush() fails until acknowledged: writebehind status --ack-loss%n",
          status.journalLosses(), status.partitions().stream().filter(p -> p.journalLosses() > 0)
              .map(p -> Integer.toString(p.partition())).toList());
    }
    if (status.journalRollbacks() > 0) {
      System.out.printf("JOURNAL ROLLED BACK: %d time(s) a failover left a journal behind the database's position%n"
          + "  (partitions %s): the entries between are in the database, not in Valkey; the worker logged their ids%n",
          status.journalRollbacks(), status.partitions().stream().filter(p -> p.journalRollbacks() > 0)
              .map(p -> Integer.toString(p.partition())).toList());
    }
    System.out.printf("%-9s %10s %9s %13s %12s  %s%n", "partition", "unflushed", "pending", "oldest (ms)", "dead letters", "held by");
    for (PartitionStatus p : status.partitions()) {
      System.out.printf("%-9d %10d %9d %13d %12d  %s%n", p.partition(), p.unflushed(), p.pending(),
          p.oldestUnflushedAgeMillis(), p.deadLetters(), p.leaseOwner() == null ? "-" : p.leaseOwner());
    }
    List<WorkerInfo> workers = status.workers();
    System.out.println(workers.isEmpty() ? "no workers" : "workers:");
    for (WorkerInfo w : workers) {
      System.out.printf("  %-32s %-5s beat %,d ms ago, %d partitions, %,d flushed%s%n", w.id(), w.alive() ? "alive" : "DEAD",
          w.lastHeartbeatAgeMillis(), w.partitions(), w.flushed(), w.lastError() == null ? "" : ", last error: " + w.lastError());
      if (w.alive() && w.databaseUnavailable()) {
        System.out.println("    database unavailable: its circuit breaker is open (it probes the database now and then)");
      }
    }
  }

  public static Map<String, Object> toJson(QueueStatus status) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("namespace", status.namespace());
    m.put("journalLength", status.journalLength());
    m.put("unflushed", status.unflushed());
    m.put("pending", status.pending());
    m.put("oldestUnflushedAgeMs", status.oldestUnflushedAgeMillis());
    m.put("deadLetters", status.deadLetters());
    m.put("journalLosses", status.journalLosses());
    m.put("journalRollbacks", status.journalRollbacks());
    m.put("partitions", status.partitions().stream().map(p -> {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("partition", p.partition());
      pm.put("journalLength", p.length());
      pm.put("unflushed", p.unflushed());
      pm.put("pending", p.pending());
      pm.put("oldestUnflushedAgeMs", p.oldestUnflushedAgeMillis());
      pm.put("deadLetters", p.deadLetters());
      pm.put("journalLosses", p.journalLosses());
      pm.put("journalRollbacks", p.journalRollbacks());
      pm.put("leaseOwner", p.leaseOwner());
      return pm;
    }).toList());
    m.put("workers", status.workers());
    return m;
  }
}
