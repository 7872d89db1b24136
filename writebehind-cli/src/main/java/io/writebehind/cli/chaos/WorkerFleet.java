package io.writebehind.cli.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The worker processes of a chaos run (or of {@code demo counters}): {@code writebehind worker} in child JVMs (this JVM's
 * java binary and classpath), each slot restarted when killed or when it exits by itself
 * (a worker that starts while the database is down gives up; a new one takes its place).
 */
public final class WorkerFleet implements AutoCloseable {
  private final String name;
  private final List<String> workerArgs;
  private final Map<String, String> env;
  private final Path logDir;
  private final Process[] slots;
  private final int[] generations;
  private final Thread killOnExit = new Thread(this::killAll, "chaos-workers-cleanup");
  private int unexpectedExits;
  private volatile boolean killed;

  /**
   * {@code env} is added to each worker's environment: the servers' URLs go there
   * ({@code VALKEY_URL}, {@code DATABASE_URL}), not into arguments that {@code ps} shows
   * to every user of the machine.
   */
  public WorkerFleet(String name, int size, List<String> workerArgs, Map<String, String> env, Path logDir) {
    this.name = name;
    this.workerArgs = workerArgs;
    this.env = Map.copyOf(env);
    this.logDir = logDir;
    this.slots = new Process[size];
    this.generations = new int[size];
    // Workers outliving an interrupted run would keep draining a namespace nobody watches.
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /** kill -9 of every worker, waiting until they are gone; no worker is started after it. */
  public void killAll() {
    killed = true;
    synchronized (this) {
      for (Process p : slots) {
        if (p != null) {
          p.destroyForcibly();
        }
      }
      for (Process p : slots) {
        try {
          if (p != null) {
            p.waitFor(10, TimeUnit.SECONDS);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  public synchronized void startAll() {
    for (int i = 0; i < slots.length; i++) {
      launch(i);
    }
  }

  /** Waits until every slot's worker printed READY; false on timeout. */
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      int ready = 0;
      for (int i = 0; i < slots.length; i++) {
        if (output(i).contains("READY ")) {
          ready++;
        }
      }
      if (ready == slots.length) {
        return true;
      }
      superviseExits();
      Thread.sleep(100);
    }
    return false;
  }

  /**
   * kill -9 of a random worker that is up (printed READY), then a new one in its place;
   * returns the killed pid, or -1 when none is up yet. Killing workers still starting would
   * only test the JVM's start-up: on a busy machine nothing would ever drain.
   */
  public synchronized long killRandomReady(Random random) throws InterruptedException {
    List<Integer> ready = new ArrayList<>();
    for (int i = 0; i < slots.length; i++) {
      if (slots[i].isAlive() && output(i).contains("READY ")) {
        ready.add(i);
      }
    }
    if (ready.isEmpty()) {
      return -1;
    }
    int i = ready.get(random.nextInt(ready.size()));
    Process p = slots[i];
    long pid = p.pid();
    p.destroyForcibly();
    p.waitFor(30, TimeUnit.SECONDS);
    launch(i);
    return pid;
  }

  /** Replaces workers that exited without being killed; returns how many. */
  synchronized int superviseExits() {
    if (killed) {
      return 0;
    }
    int n = 0;
    for (int i = 0; i < slots.length; i++) {
      if (!slots[i].isAlive()) {
        unexpectedExits++;
        n++;
        launch(i);
      }
    }
    return n;
  }

  synchronized int unexpectedExits() {
    return unexpectedExits;
  }

  synchronized int alive() {
    int n = 0;
    for (Process p : slots) {
      n += p != null && p.isAlive() ? 1 : 0;
    }
    return n;
  }

  public synchronized List<Long> pids() {
    List<Long> out = new ArrayList<>();
    for (Process p : slots) {
      if (p != null && p.isAlive()) {
        out.add(p.pid());
      }
    }
    return out;
  }

  int size() {
    return slots.length;
  }

  /** SIGTERM to all (each finishes its batch in hand and exits 0), then kill -9 for stragglers. */
  @Override
  public synchronized void close() {
    for (Process p : slots) {
      if (p != null) {
        p.destroy();
      }
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    for (Process p : slots) {
      if (p == null) {
        continue;
      }
      try {
        if (!p.waitFor(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          p.destroyForcibly();
          p.waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
  }

  private void launch(int i) {
    if (killed) {
      return;
    }
    int gen = ++generations[i];
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    // Small and quick to start: two cores are shared by the writers, the workers and the servers.
    cmd.addAll(List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        "io.writebehind.cli.Main", "worker", "--quiet", "--worker-id", name + "-w" + i + "-" + gen));
    cmd.addAll(workerArgs);
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log(i).toFile())
          .redirectInput(ProcessBuilder.Redirect.PIPE);
      pb.environment().putAll(env);
      Process p = pb.start();
      p.getOutputStream().close();
      slots[i] = p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start worker process " + i, e);
    }
  }

  private Path log(int i) {
    return logDir.resolve("worker-" + i + "-" + generations[i] + ".log");
  }

  private synchronized String output(int i) {
    try {
      return Files.readString(log(i), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
