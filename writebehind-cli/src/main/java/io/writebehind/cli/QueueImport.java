package io.writebehind.cli;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.writebehind.WriteBehind;
import io.writebehind.flights.Flight;
import io.writebehind.flights.FlightRepository;
import io.writebehind.flights.OriginalFormats;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Moves the original's queued updates into our journal. Each task becomes exactly the write
 * a {@code writebehind} update of the flight's times makes (the flight as cached, else as
 * the database has it, with the task's times; its user and comment for flight_log), taken
 * from the list and journaled in one script: a run that dies midway leaves every task
 * either in the list or in the journal, and the next run goes on from there. Then the
 * original's {@code flight:<id>} key of the flight goes, so its readers cannot serve times
 * older than ours.
 */
final class QueueImport {
  /** Deletes the key only if it still holds what was checked: the original may rewrite it meanwhile. */
  private static final String DELETE_IF_SAME =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";
  private static final long TIMEOUT_SECONDS = 10;

  private final Session session;
  private final String queue;
  private final long maxTasks;
  private final PrintStream out;
  private final WriteBehind<Long, Flight> engine;
  private final RedisClusterAsyncCommands<String, byte[]> redis;

  QueueImport(Session session, String queue, long maxTasks, PrintStream out) {
    this.session = session;
    this.queue = queue;
    this.maxTasks = maxTasks;
    this.out = out;
    this.engine = session.engine();
    this.redis = session.valkey().async();
  }

  void run() throws Exception {
    if (session.valkey().isCluster()) {
      throw CliException.badInput("--import-queue needs the original's standalone server: on a cluster its queue "
          + "and our journals are in different slots, which one script cannot touch");
    }
    String type = await(redis.type(queue));
    if (!type.equals("list") && !type.equals("none")) {
      throw CliException.badInput(queue + " holds a " + type + ", not the original's queue (a list)");
    }
    long imported = 0;
    Set<Long> flights = new TreeSet<>();
    int staleKeys = 0;
    while (maxTasks < 0 || imported < maxTasks) {
      byte[] head = await(redis.lindex(queue, 0));
      if (head == null) {
        break;
      }
      OriginalFormats.Task task = parse(head, imported);
      Flight changed = current(task.flightId(), imported).withTimes(task.newDeparture(), task.newArrival());
      OptionalLong version = engine.putTakingHead(queue, head, task.flightId(), changed, task.change().toMeta());
      if (version.isEmpty()) {
        continue; // another reader took that task first: look again
      }
      imported++;
      flights.add(task.flightId());
      staleKeys += removeOriginalKey(task.flightId());
    }
    long left = await(redis.llen(queue));
    out.printf("Imported %,d task(s) of %s (%,d flight(s)) into namespace '%s';%n", imported, queue,
        flights.size(), engine.options().namespace());
    out.printf("removed %,d original flight:<id> key(s).%n", staleKeys);
    out.println(left == 0 ? "The queue is empty." : String.format("%,d task(s) left: run again for them.", left));
    if (imported > 0) {
      out.println("Next: writebehind worker (or writebehind demo) writes them to the database.");
    }
  }

  private OriginalFormats.Task parse(byte[] head, long imported) {
    try {
      return OriginalFormats.task(head);
    } catch (IllegalArgumentException e) {
      throw CliException.badInput("the first task of " + queue + " is not an update task (" + e.getMessage()
          + "); fix or remove it (LPOP " + queue + ") and run again" + soFar(imported));
    }
  }

  /** The flight as our cache has it (a write may be waiting there), else as the database does. */
  private Flight current(long flightId, long imported) {
    FlightRepository repository = session.repository();
    Optional<Flight> flight = engine.get(flightId, id -> {
      try {
        return repository.find(id).orElse(null);
      } catch (SQLException e) {
        throw new CliException(CliException.UNREACHABLE, "reading flight " + id + " from the database failed: "
            + Session.firstLine(e.getMessage()), e);
      }
    });
    if (flight.isEmpty()) {
      throw CliException.badInput("the first task of " + queue + " updates flight " + flightId
          + ", which the database does not have; remove it (LPOP " + queue + ") and run again" + soFar(imported));
    }
    return flight.get();
  }

  private static String soFar(long imported) {
    return imported == 0 ? "" : " (" + imported + " imported before it)";
  }

  /** 1 when the original's key of the flight held its cached flight and was deleted, else 0. */
  private int removeOriginalKey(long flightId) {
    String key = OriginalFormats.cacheKey(flightId);
    if (!await(redis.type(key)).equals("string")) {
      return 0; // not the original's: our own keys are never flight:<digits>, but another app's might be
    }
    byte[] value = await(redis.get(key));
    if (value == null || !OriginalFormats.isCachedFlight(value, flightId)) {
      return 0;
    }
    Long deleted = await(redis.<Long>eval(DELETE_IF_SAME.getBytes(StandardCharsets.UTF_8), ScriptOutputType.INTEGER,
        new String[] {key}, value));
    return deleted.intValue();
  }

  private static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(CliException.FAILED, "interrupted");
    } catch (java.util.concurrent.ExecutionException e) {
      throw Session.valkeyFailure(e.getCause(), null);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new CliException(CliException.UNREACHABLE, "Valkey gave no answer within " + TIMEOUT_SECONDS + " s");
    }
  }
}
