package io.writebehind.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code writebehind} command. */
@Command(name = "writebehind", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Write-behind caching on Valkey with a relational database as the system of record.",
    subcommands = {
        InitCommand.class, AdoptCommand.class, WorkerCommand.class, StatusCommand.class, DashboardCommand.class, LoadCommand.class,
        StopLocalCommand.class, DlqCommand.class, ReplayCommand.class, CheckCommand.class, io.writebehind.cli.chaos.ChaosCommand.class,
        io.writebehind.cli.demo.DemoCommand.class,
        io.writebehind.cli.demo.CompareCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the command and returns its exit code (tests call this instead of main). A failure
   * is one line on stderr, secrets scrubbed; with {@code --json} stdout also gets it as
   * {@code {"error": ..., "exitCode": ...}}, so that a monitor reading stdout always reads JSON.
   */
  public static int run(String... args) {
    for (String a : args) {
      ServerUrls.remember(a); // picocli echoes mistyped arguments; a URL among them must not show its password
    }
    CommandLine cli = new CommandLine(new Main());
    Version.applyTo(cli);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof CliException c) {
        return fail(commandLine, args, ServerUrls.scrub(c.getMessage()), c.exitCode());
      }
      if (Session.find(e, io.lettuce.core.RedisException.class) != null) {
        // a command Valkey refused (NOPERM for an ACL user) or a connection lost mid-command
        CliException c = Session.valkeyFailure(e, null);
        return fail(commandLine, args, ServerUrls.scrub(c.getMessage()), c.exitCode());
      }
      if (System.getenv("WRITEBEHIND_DEBUG") != null) {
        e.printStackTrace(commandLine.getErr());
      }
      return fail(commandLine, args, e.getClass().getSimpleName() + ": " + ServerUrls.scrub(Session.firstLine(e.getMessage())),
          CliException.FAILED);
    });
    cli.setParameterExceptionHandler((e, a) -> {
      int code = fail(e.getCommandLine(), args, ServerUrls.scrub(Session.firstLine(e.getMessage())), CliException.BAD_INPUT);
      e.getCommandLine().getErr().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
      return code;
    });
    return cli.execute(args);
  }

  private static int fail(CommandLine commandLine, String[] args, String message, int exitCode) {
    commandLine.getErr().println("writebehind: " + message);
    if (jsonOutput(commandLine, args)) {
      java.util.Map<String, Object> error = new java.util.LinkedHashMap<>();
      error.put("error", message);
      error.put("exitCode", exitCode);
      try {
        System.out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(error));
      } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
        throw new IllegalStateException(impossible);
      }
    }
    return exitCode;
  }

  /** Whether the failing command was asked for JSON: its {@code --json} is a flag (bench's names a file) and was given. */
  private static boolean jsonOutput(CommandLine commandLine, String[] args) {
    CommandLine.Model.OptionSpec json = commandLine.getCommandSpec().findOption("--json");
    return json != null && (json.type() == boolean.class || json.type() == Boolean.class)
        && java.util.Arrays.asList(args).contains("--json");
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
