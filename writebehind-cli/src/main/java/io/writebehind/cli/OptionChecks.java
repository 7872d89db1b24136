package io.writebehind.cli;

import io.writebehind.Durability;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Checks of command-line values, made before any server is contacted, so that a value out
 * of range is refused at once, named as the user gave it ("--threads must be between 1 and
 * 256, was 0") rather than by the library setting it ends up in.
 */
public final class OptionChecks {
  private static final String LEVELS = "memory, aof, replicas=N or replicas=N+aof (N at least 1)";

  /** The engine's own limit (WriteBehindBuilder.partitions); the CLI cannot see its internal constant. */
  private static final int MAX_PARTITIONS = 16_384;

  private OptionChecks() {}

  public static void partitions(int value) {
    between("--partitions", value, 1, MAX_PARTITIONS);
  }

  public static void atLeast(String option, long value, long min) {
    if (value < min) {
      throw CliException.badInput(option + " must be at least " + min + ", was " + value);
    }
  }

  public static void between(String option, long value, long min, long max) {
    if (value < min || value > max) {
      throw CliException.badInput(option + " must be between " + min + " and " + max + ", was " + value);
    }
  }

  /** A duration that must be above zero; quoted as typed ("0s"), not as Java prints it ("PT0S"). */
  public static void positive(CommandSpec spec, String option, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw CliException.badInput(option + " must be positive, was " + typed(spec, option));
    }
  }

  /** A duration where zero means never. */
  public static void zeroOrPositive(CommandSpec spec, String option, Duration value) {
    if (value.isNegative()) {
      throw CliException.badInput(option + " must be zero (never) or positive, was " + typed(spec, option));
    }
  }

  /** A durability level as {@link Durability#parse} reads it. */
  public static Durability durability(String option, String text, Duration timeout) {
    try {
      return Durability.parse(text, timeout);
    } catch (IllegalArgumentException e) {
      throw CliException.badInput(option + " must be " + LEVELS + ", was '" + text.trim() + "'");
    }
  }

  /** The option's value as typed on the command line, else its default. */
  static String typed(CommandSpec spec, String option) {
    OptionSpec o = spec.findOption(option);
    List<String> given = o.originalStringValues();
    return given.isEmpty() ? o.defaultValue() : given.get(given.size() - 1);
  }
}
