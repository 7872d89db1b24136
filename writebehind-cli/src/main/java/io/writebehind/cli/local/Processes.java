package io.writebehind.cli.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Starting tools and watching the server processes they leave behind: pids, ports, versions. */
final class Processes {
  private Processes() {}

  /** Runs a tool that exits (a daemonizing server, initdb, pg_ctl); its output goes into the error. */
  static void runToCompletion(List<String> cmd, Path dir, Duration timeout, String what) throws IOException {
    Path out = Files.createTempFile(dir, "cmd", ".out");
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        p.destroyForcibly();
        throw new IOException(what + ": timed out after " + timeout + " (" + String.join(" ", cmd) + ")\n"
            + LocalFiles.tail(out));
      }
      if (p.exitValue() != 0) {
        throw new IOException(what + ": exit code " + p.exitValue() + " (" + String.join(" ", cmd) + ")\n"
            + LocalFiles.tail(out));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(what + ": interrupted", e);
    } finally {
      Files.deleteIfExists(out);
    }
  }

  /** Version number from `binary --version` ("Valkey server v=8.0.1 ...", "postgres (PostgreSQL) 14.22"). */
  static String parseVersion(String versionOutput) {
    Matcher m = Pattern.compile("v=([0-9][0-9.]*)").matcher(versionOutput);
    if (m.find()) {
      return m.group(1);
    }
    m = Pattern.compile("\\b([0-9]+\\.[0-9]+(?:\\.[0-9]+)?)\\b").matcher(versionOutput);
    return m.find() ? m.group(1) : "?";
  }

  /** "?" when the binary will not say: the version is only shown, never relied on. */
  static String versionOf(Path binary) {
    try {
      Process p = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(10, TimeUnit.SECONDS);
      return parseVersion(out);
    } catch (IOException e) {
      return "?";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }

  static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String d : path.split(File.pathSeparator)) {
      if (!d.isEmpty()) {
        Path p = Path.of(d, name);
        if (Files.isRegularFile(p) && Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  /** The recorded port when it is free (so URLs stay the same across restarts), else a free one. */
  static int choosePort(int recorded) {
    if (recorded > 0) {
      try (ServerSocket s = new ServerSocket()) {
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress("127.0.0.1", recorded));
        return recorded;
      } catch (IOException busy) {
        // fall through
      }
    }
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean tcp(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** False when the process is still there after {@code timeout}, or when there is no pid to watch. */
  static boolean waitGone(long pid, Duration timeout) {
    if (pid <= 0) {
      return false;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (alive(pid)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      sleep(20);
    }
    return true;
  }

  /** -1 when the pid file is missing or garbled. */
  static long readPid(Path pidFile) {
    List<String> lines = LocalFiles.readLines(pidFile);
    try {
      return lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
