package io.writebehind.cli.local;

import java.nio.file.Path;

/** Child-JVM entry for LocalServersIT: opens the local servers under args[0] and prints what it got. */
public final class LocalServersMain {
  private LocalServersMain() {}

  public static void main(String[] args) throws Exception {
    LocalServers.Local l = LocalServers.open(Path.of(args[0]));
    System.out.println("RESULT valkey=" + l.valkey().port() + "/" + l.valkey().pid() + " postgres="
        + l.postgres().port() + "/" + l.postgres().pid());
  }
}
