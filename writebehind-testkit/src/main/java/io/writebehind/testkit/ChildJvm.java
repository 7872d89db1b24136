package io.writebehind.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A Java main class running in a child JVM with this JVM's classpath and java binary,
 * stdout and stderr going to a log file. For kill -9 tests of workers.
 */
public final class ChildJvm implements AutoCloseable {
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "child-jvm-cleanup"));
  }

  private final Process process;
  private final Path log;
  private final String mainClass;

  private ChildJvm(Process process, Path log, String mainClass) {
    this.process = process;
    this.log = log;
    this.mainClass = mainClass;
  }

  public static ChildJvm start(Class<?> mainClass, List<String> args, Map<String, String> env, Path log) {
    return start(mainClass.getName(), List.of(), args, env, log);
  }

  /**
   * Starts {@code java [jvmArgs] -cp <this classpath> mainClass args} with {@code env}
   * added to this process's environment; output (stdout + stderr) goes to {@code log}.
   */
  public static ChildJvm start(String mainClass, List<String> jvmArgs, List<String> args, Map<String, String> env,
      Path log) {
    List<String> cmd = command(javaBinary(), System.getProperty("java.class.path"), mainClass, jvmArgs, args);
    try {
      if (log.toAbsolutePath().getParent() != null) {
        Files.createDirectories(log.toAbsolutePath().getParent());
      }
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
          .redirectInput(ProcessBuilder.Redirect.PIPE);
      pb.environment().putAll(env);
      Process p = pb.start();
      p.getOutputStream().close(); // no stdin
      LIVE.add(p);
      p.onExit().thenRun(() -> LIVE.remove(p));
      return new ChildJvm(p, log, mainClass);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start child JVM for " + mainClass, e);
    }
  }

  static List<String> command(String java, String classpath, String mainClass, List<String> jvmArgs,
      List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add(mainClass);
    cmd.addAll(args);
    return cmd;
  }

  static String javaBinary() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL, then waits for the process to be gone. */
  public void kill9() {
    process.destroyForcibly();
    if (!waitQuietly(Duration.ofSeconds(30))) {
      throw new IllegalStateException("child JVM " + pid() + " survived SIGKILL");
    }
  }

  /** SIGTERM (shutdown hooks run); does not wait. */
  public void sigterm() {
    process.destroy();
  }

  /** Waits for the exit code; throws IllegalStateException (with the log) if still running after the timeout. */
  public int waitFor(Duration timeout) {
    if (!waitQuietly(timeout)) {
      throw new IllegalStateException("child JVM " + mainClass + " (pid " + pid() + ") still running after "
          + timeout + "; output:\n" + output());
    }
    return process.exitValue();
  }

  /** The text written so far to stdout and stderr. */
  public String output() {
    try {
      return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  public Path log() {
    return log;
  }

  /** Kills the child if it is still running. */
  @Override
  public void close() {
    if (process.isAlive()) {
      kill9();
    }
  }

  private boolean waitQuietly(Duration d) {
    try {
      return process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  @Override
  public String toString() {
    return "ChildJvm[" + mainClass + " pid=" + pid() + "]";
  }
}
