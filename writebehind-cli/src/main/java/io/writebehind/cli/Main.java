package io.writebehind.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code writebehind} command. */
@Command(name = "writebehind", mixinStandardHelpOptions = true, version = "writebehind 0.1.0",
    description = "Write-behind caching on Valkey with a relational database as the system of record.",
    subcommands = {
        InitCommand.class, WorkerCommand.class, StatusCommand.class, LoadCommand.class,
        StopLocalCommand.class, DlqCommand.class, io.writebehind.cli.chaos.ChaosCommand.class,
        io.writebehind.cli.demo.DemoCommand.class,
        io.writebehind.cli.demo.CompareCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command and returns its exit code (tests call this instead of main). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof CliException c) {
        commandLine.getErr().println("writebehind: " + c.getMessage());
        return c.exitCode();
      }
      commandLine.getErr().println("writebehind: " + e.getClass().getSimpleName() + ": " + Session.firstLine(e.getMessage()));
      if (System.getenv("WRITEBEHIND_DEBUG") != null) {
        e.printStackTrace(commandLine.getErr());
      }
      return CliException.FAILED;
    });
    cli.setParameterExceptionHandler((e, a) -> {
      e.getCommandLine().getErr().println("writebehind: " + e.getMessage());
      e.getCommandLine().getErr().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
      return CliException.BAD_INPUT;
    });
    return cli.execute(args);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
