package io.writebehind.cli.chaos;

import io.writebehind.cli.local.LocalServers;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Stops and starts the local servers under .writebehind/ (only those: a server someone else
 * runs is not ours to stop). PostgreSQL gets a fast shutdown (SIGINT: running transactions
 * abort, clients are cut), stays down for a while, and comes back on the same port and data;
 * Valkey gets SIGTERM, which with AOF on writes and fsyncs the AOF before exiting, so nothing
 * acknowledged may be missing when it is back.
 */
final class LocalRestarts {
  private final Path home;

  LocalRestarts(Path home) {
    this.home = home;
  }

  /** Returns how long the database was unreachable, in ms. */
  long restartPostgres(Duration downFor) throws IOException, InterruptedException {
    LocalServers.Server pg = find("postgres").orElseThrow(() -> new IOException("the local PostgreSQL is not running"));
    long t0 = System.nanoTime();
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pg.pid())).redirectErrorStream(true).start();
    kill.waitFor(10, TimeUnit.SECONDS);
    awaitGone(pg.pid(), Duration.ofSeconds(30));
    Thread.sleep(downFor.toMillis());
    LocalServers.open(home);
    return (System.nanoTime() - t0) / 1_000_000;
  }

  /** Returns how long Valkey was unreachable, in ms. */
  long restartValkey() throws IOException, InterruptedException {
    LocalServers.Server valkey = find(null).orElseThrow(() -> new IOException("the local Valkey is not running"));
    long t0 = System.nanoTime();
    ProcessHandle.of(valkey.pid()).ifPresent(ProcessHandle::destroy);
    awaitGone(valkey.pid(), Duration.ofSeconds(30));
    LocalServers.open(home);
    return (System.nanoTime() - t0) / 1_000_000;
  }

  /** Starts whatever of the two is down (after a failed restart, say). */
  void ensureUp() throws IOException {
    LocalServers.open(home);
  }

  /** "postgres" for the database; null for the Valkey server (named after its binary). */
  private Optional<LocalServers.Server> find(String postgres) throws IOException {
    return LocalServers.running(home).stream()
        .filter(s -> postgres == null ? !s.name().equals("postgres") : s.name().equals(postgres))
        .findFirst();
  }

  private static void awaitGone(long pid, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      if (System.nanoTime() > deadline) {
        throw new IOException("process " + pid + " did not stop within " + timeout);
      }
      Thread.sleep(20);
    }
  }
}
