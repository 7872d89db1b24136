package io.writebehind.cli;

import io.writebehind.cli.local.LocalServers;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "stop-local", mixinStandardHelpOptions = true,
    description = "Stop the local Valkey and PostgreSQL that commands started (their data stays, in .writebehind/).")
public final class StopLocalCommand implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    List<String> stopped = LocalServers.stop(Session.home());
    if (stopped.isEmpty()) {
      System.out.println("no local servers running under " + Session.home());
    } else {
      stopped.forEach(System.out::println);
    }
    return 0;
  }
}
