package io.writebehind.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;

/** What {@code -V} prints, on every command: the version the build wrote into version.properties. */
public final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"writebehind " + number()};
  }

  static String number() {
    Properties p = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version", "unknown");
  }

  /** Picocli gives a subcommand no version of its parent's, so its -V would print nothing. */
  static void applyTo(CommandLine cli) {
    for (CommandLine sub : cli.getSubcommands().values()) {
      sub.getCommandSpec().versionProvider(new Version());
      applyTo(sub);
    }
  }
}
