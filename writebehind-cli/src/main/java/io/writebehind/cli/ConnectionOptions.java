package io.writebehind.cli;

import picocli.CommandLine.Option;

/** Where the servers are: flags, else the environment, else local servers under .writebehind/. */
public final class ConnectionOptions {
  @Option(names = "--valkey-url", paramLabel = "URL",
      description = "Valkey or Redis URL (redis://, rediss://, user:pass@; ?cluster=true for a cluster). Default: $VALKEY_URL, else a local server under .writebehind/")
  String valkeyUrl;

  @Option(names = "--database-url", paramLabel = "JDBC_URL",
      description = "JDBC URL of PostgreSQL or MariaDB/MySQL. Default: $DATABASE_URL, else a local PostgreSQL under .writebehind/")
  String databaseUrl;

  @Option(names = "--namespace", paramLabel = "NAME", defaultValue = "flight",
      description = "Key prefix of this application's cache and journal (default: ${DEFAULT-VALUE})")
  String namespace;

  @Option(names = "--partitions", paramLabel = "N", defaultValue = "16",
      description = "Journal partitions; every process of a namespace must use the same (default: ${DEFAULT-VALUE})")
  int partitions;
}
