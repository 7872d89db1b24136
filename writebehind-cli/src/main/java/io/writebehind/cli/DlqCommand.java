package io.writebehind.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.writebehind.admin.DeadLetter;
import io.writebehind.admin.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The writes the workers could not apply (promise 6): look at them, replay them, drop them.
 * All of it is Valkey (a replay journals the write again); the database is never opened.
 */
@Command(name = "dlq", mixinStandardHelpOptions = true,
    description = {"Inspect, replay or drop dead letters: writes the database refused for good.",
        "Reads and writes Valkey only: --database-url is not used."},
    subcommands = {DlqCommand.ListDead.class, DlqCommand.Show.class, DlqCommand.Replay.class, DlqCommand.Drop.class})
public final class DlqCommand implements Runnable {
  /** {@code <partition>:<ms>-<seq>}; checked before any server is contacted. */
  private static final Pattern HANDLE = Pattern.compile("\\d{1,5}:\\d{1,19}-\\d{1,19}");
  private static final int PREVIEW = 60;

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List dead letters, oldest first within each partition.")
  static final class ListDead implements Callable<Integer> {
    @Mixin ConnectionOptions connection = new ConnectionOptions();

    @Option(names = "--limit", defaultValue = "100", description = "At most this many (default ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--json", description = "Print JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
      if (limit < 1) {
        throw CliException.badInput("--limit must be at least 1, was " + limit);
      }
      try (Session s = Session.openExisting(connection)) {
        List<DeadLetter> letters = s.engine().admin().deadLetters().list(limit);
        if (json) {
          List<Map<String, Object>> out = new ArrayList<>();
          for (DeadLetter d : letters) {
            out.add(toJson(d, false));
          }
          System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
          return 0;
        }
        if (letters.isEmpty()) {
          System.out.println("no dead letters in namespace '" + connection.namespace + "'");
          return 0;
        }
        System.out.printf("%-28s %-10s %-22s %8s %-24s %-40s %s%n", "handle", "key", "version", "attempts", "dead since", "error", "value");
        for (DeadLetter d : letters) {
          System.out.printf("%-28s %-10s %-22d %8d %-24s %-40s %s%n", d.handle(), d.key(), d.version(), d.attempts(),
              Instant.ofEpochMilli(d.deadAtMillis()), clip(d.error(), 40), preview(d));
        }
        long total = s.engine().admin().status().deadLetters();
        if (total > letters.size()) {
          System.out.printf("(%d of %d shown; use --limit)%n", letters.size(), total);
        }
        return 0;
      }
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one dead letter in full.")
  static final class Show implements Callable<Integer> {
    @Mixin ConnectionOptions connection = new ConnectionOptions();

    @Parameters(paramLabel = "HANDLE", description = "<partition>:<id>, as 'dlq list' prints it")
    String handle;

    @Override
    public Integer call() throws Exception {
      checkHandle(handle);
      try (Session s = Session.openExisting(connection)) {
        Optional<DeadLetter> found = get(s.engine().admin().deadLetters(), handle);
        if (found.isEmpty()) {
          throw noSuchDeadLetter(handle, connection.namespace);
        }
        toJson(found.get(), true).forEach((k, v) -> System.out.printf("%-10s %s%n", k + ":", v));
        return 0;
      }
    }
  }

  /** One handle or all of them. */
  static final class Target {
    @Parameters(paramLabel = "HANDLE", description = "<partition>:<id>, as 'dlq list' prints it")
    String handle;

    @Option(names = "--all", required = true, description = "Every dead letter of the namespace")
    boolean all;
  }

  /** Drop's targets: those of replay, or the letters a newer write supersedes. */
  static final class DropTarget {
    @Parameters(paramLabel = "HANDLE", description = "<partition>:<id>, as 'dlq list' prints it")
    String handle;

    @Option(names = "--all", required = true, description = "Every dead letter of the namespace")
    boolean all;

    @Option(names = "--superseded", required = true,
        description = "Every dead letter whose key has a newer write in the cache (it wins; nothing is lost)")
    boolean superseded;
  }

  /** What replay and drop share: the handle(s) they act on, one at a time, each printed with its outcome. */
  abstract static class OnTargets implements Callable<Integer> {
    @Mixin ConnectionOptions connection = new ConnectionOptions();

    /** The one handle named, or null for every dead letter of the namespace. */
    abstract String handle();

    /**
     * Applies {@code action} to the target's handles in turn, printing each handle with what
     * the action said of it; the handle is checked before any server is contacted. Returns
     * the outcomes counted, for the subcommand's summary or exit code.
     */
    <T> Map<T, Integer> forEachHandle(BiFunction<DeadLetters, String, T> action, T missing) throws Exception {
      return forEachHandle(action, missing, null);
    }

    /** As above; outcomes equal to {@code quiet} are counted and not printed. */
    <T> Map<T, Integer> forEachHandle(BiFunction<DeadLetters, String, T> action, T missing, T quiet) throws Exception {
      String one = handle();
      if (one != null) {
        checkHandle(one);
      }
      try (Session s = Session.openExisting(connection)) {
        DeadLetters dead = s.engine().admin().deadLetters();
        List<String> handles = one == null ? allHandles(dead) : List.of(one);
        Map<T, Integer> counts = new LinkedHashMap<>();
        for (String h : handles) {
          T outcome = action.apply(dead, h);
          if (one != null && outcome.equals(missing)) {
            throw noSuchDeadLetter(h, connection.namespace);
          }
          counts.merge(outcome, 1, Integer::sum);
          if (!outcome.equals(quiet)) {
            System.out.println(h + " " + outcome);
          }
        }
        return counts;
      }
    }
  }

  @Command(name = "replay", mixinStandardHelpOptions = true,
      description = {"Journal a dead write again, unless its key was written since (then it is SUPERSEDED and stays).",
          "Prints REPLAYED, SUPERSEDED or MISSING per handle; fix the cause first (a column too narrow, a constraint)."})
  static final class Replay extends OnTargets {
    @ArgGroup(multiplicity = "1")
    Target target;

    @Override
    String handle() {
      return target.all ? null : target.handle;
    }

    @Override
    public Integer call() throws Exception {
      Map<DeadLetters.ReplayOutcome, Integer> counts = forEachHandle(DlqCommand::replay, DeadLetters.ReplayOutcome.MISSING);
      int superseded = counts.getOrDefault(DeadLetters.ReplayOutcome.SUPERSEDED, 0);
      if (target.all) {
        System.out.printf("replayed %d, superseded %d, missing %d%n", counts.getOrDefault(DeadLetters.ReplayOutcome.REPLAYED, 0),
            superseded, counts.getOrDefault(DeadLetters.ReplayOutcome.MISSING, 0));
      }
      if (superseded > 0) {
        // On stderr: stdout keeps one line per handle (and the summary) for scripts.
        System.err.println(supersededHint(superseded, target.all ? "--superseded" : target.handle));
      }
      return 0;
    }
  }

  /** Why superseded letters stay, and how to be rid of them. */
  static String supersededHint(int superseded, String dropArgument) {
    return (superseded == 1 ? "1 superseded letter stays" : superseded + " superseded letters stay")
        + ": a newer write of the key is in the cache and wins." + System.lineSeparator()
        + "Nothing is lost by dropping: writebehind dlq drop " + dropArgument;
  }

  @Command(name = "drop", mixinStandardHelpOptions = true,
      description = {"Discard dead letters for good (the cache forgets the value the database never got).",
          "--superseded drops only those whose key has a newer write in the cache, which wins anyway."})
  static final class Drop extends OnTargets {
    @ArgGroup(multiplicity = "1")
    DropTarget target;

    @Override
    String handle() {
      return target.all || target.superseded ? null : target.handle;
    }

    @Override
    public Integer call() throws Exception {
      if (target.superseded) {
        Map<String, Integer> counts = forEachHandle((dead, h) -> dropSuperseded(dead, h) ? "DROPPED" : "KEPT", "MISSING", "KEPT");
        System.out.printf("dropped %d superseded, kept %d%n", counts.getOrDefault("DROPPED", 0), counts.getOrDefault("KEPT", 0));
        return 0;
      }
      int dropped = forEachHandle((dead, h) -> drop(dead, h) ? "DROPPED" : "MISSING", "MISSING").getOrDefault("DROPPED", 0);
      if (target.all) {
        System.out.printf("dropped %d%n", dropped);
      }
      return 0;
    }
  }

  /** Like an unknown flight id or namespace: the user's input names nothing, exit 2. */
  static CliException noSuchDeadLetter(String handle, String namespace) {
    return CliException.badInput("no such dead letter " + handle + " in namespace '" + namespace + "' (see 'writebehind dlq list')");
  }

  public static void checkHandle(String handle) {
    if (handle == null || !HANDLE.matcher(handle).matches()) {
      throw CliException.badInput("dead letter handle must look like <partition>:<ms>-<seq> (as 'dlq list' prints it), was '" + handle + "'");
    }
  }

  /** The engine checks the partition against the namespace's count; that too is the user's input. */
  private static Optional<DeadLetter> get(DeadLetters dead, String handle) {
    try {
      return dead.get(handle);
    } catch (IllegalArgumentException e) {
      throw CliException.badInput(e.getMessage());
    }
  }

  private static DeadLetters.ReplayOutcome replay(DeadLetters dead, String handle) {
    try {
      return dead.replay(handle);
    } catch (IllegalArgumentException e) {
      throw CliException.badInput(e.getMessage());
    }
  }

  private static boolean drop(DeadLetters dead, String handle) {
    try {
      return dead.drop(handle);
    } catch (IllegalArgumentException e) {
      throw CliException.badInput(e.getMessage());
    }
  }

  private static boolean dropSuperseded(DeadLetters dead, String handle) {
    try {
      return dead.dropSuperseded(handle);
    } catch (IllegalArgumentException e) {
      throw CliException.badInput(e.getMessage());
    }
  }

  private static List<String> allHandles(DeadLetters dead) {
    return dead.list(Integer.MAX_VALUE).stream().map(DeadLetter::handle).toList();
  }

  public static Map<String, Object> toJson(DeadLetter d, boolean fullValue) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("handle", d.handle());
    m.put("key", d.key());
    m.put("version", d.version());
    m.put("op", d.delete() ? "delete" : "put");
    m.put("error", d.error());
    m.put("attempts", d.attempts());
    m.put("deadAt", Instant.ofEpochMilli(d.deadAtMillis()).toString());
    m.put("meta", d.meta());
    m.put("value", fullValue ? new String(d.value(), StandardCharsets.UTF_8) : preview(d));
    return m;
  }

  static String preview(DeadLetter d) {
    if (d.delete()) {
      return "(delete)";
    }
    return clip(new String(d.value(), StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "?"), PREVIEW);
  }

  private static String clip(String s, int max) {
    if (s == null) {
      return "";
    }
    String one = s.replace('\n', ' ');
    return one.length() <= max ? one : one.substring(0, max - 1) + "\u2026";
  }
}
