package io.writebehind.cli.demo;

import io.writebehind.cli.CliException;
import io.writebehind.cli.Main;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine;

/** Shell completion for the whole {@code writebehind} command (bash, and zsh through bashcompinit). */
final class Completion {
  private Completion() {}

  static String script() {
    return AutoComplete.bash("writebehind", new CommandLine(new Main()));
  }

  /**
   * Writes the script to ~/.bash_completion.d/writebehind. Shell start-up files stay
   * untouched: the user is told the one line to add, since editing them unasked surprises.
   */
  static void install(PrintStream out) {
    Path dir = Path.of(System.getProperty("user.home"), ".bash_completion.d");
    Path file = dir.resolve("writebehind");
    try {
      Files.createDirectories(dir);
      Files.writeString(file, script());
    } catch (IOException e) {
      throw new CliException(CliException.FAILED, "cannot write " + file + ": " + e.getMessage()
          + "; use --show-completion and save the script yourself");
    }
    out.println("Completion script written to " + file);
    out.println("bash: add to ~/.bashrc:  source " + file);
    out.println("zsh:  add to ~/.zshrc:   autoload -U +X bashcompinit && bashcompinit && source " + file);
  }
}
