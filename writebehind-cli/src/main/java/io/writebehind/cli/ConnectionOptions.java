package io.writebehind.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Where the servers are: flags, else the environment, else local servers under .writebehind/. */
public final class ConnectionOptions {
  @Option(names = "--valkey-url", paramLabel = "URL",
      description = "Valkey or Redis URL (redis://, rediss://, user:pass@; ?cluster=true for a cluster). Default: $VALKEY_URL, else a local server under .writebehind/")
  String valkeyUrl;

  @Option(names = "--database-url", paramLabel = "JDBC_URL",
      description = "JDBC URL of PostgreSQL or MariaDB/MySQL. Default: $DATABASE_URL, else a local PostgreSQL under .writebehind/")
  String databaseUrl;

  @Option(names = "--namespace", paramLabel = "NAME", defaultValue = "flight",
      description = "Key prefix of this application's cache and journal (default: ${DEFAULT-VALUE}; flight_stats for the counters)")
  String namespace;

  private static final String DEFAULT_PARTITIONS = "16";

  /** The default also when the options are built in code (the dashboard's), not parsed. */
  @Option(names = "--partitions", paramLabel = "N", defaultValue = DEFAULT_PARTITIONS,
      description = "Journal partitions; every process of a namespace must use the same (default: ${DEFAULT-VALUE})")
  int partitions = Integer.parseInt(DEFAULT_PARTITIONS);

  /** What the engine's writes wait for; set by the commands that write (load), memory otherwise. */
  io.writebehind.Durability durability = io.writebehind.Durability.MEMORY;

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  /** Refuses a partition count no engine takes, before a server is contacted. */
  void check() {
    OptionChecks.partitions(partitions);
  }

  /**
   * The namespace given on the command line, else {@code fallback}: the counters keep a
   * namespace of their own, since one namespace holds values or counters, not both.
   */
  String namespaceOr(String fallback) {
    OptionSpec o = command == null ? null : command.findOption("--namespace");
    return o != null && !o.originalStringValues().isEmpty() ? namespace : fallback;
  }
}
