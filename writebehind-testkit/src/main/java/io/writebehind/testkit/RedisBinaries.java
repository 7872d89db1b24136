package io.writebehind.testkit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a Valkey-compatible server binary comes from: valkey-server from PATH, else
 * redis-server from PATH, else the Redis 6.2 binary shipped inside
 * {@code com.github.codemonstur:embedded-redis} (extracted to a file).
 */
public final class RedisBinaries {
  private RedisBinaries() {}

  private static final Object EXTRACT_LOCK = new Object();

  /** Finds an executable on PATH. */
  public static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, name);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The order in which server binaries are tried. */
  public static List<String> pathCandidates(boolean preferRedis) {
    return preferRedis ? List.of("redis-server", "valkey-server") : List.of("valkey-server", "redis-server");
  }

  /**
   * Resolves a server binary; when neither is on PATH, extracts the embedded one into
   * {@code extractDir}.
   */
  public static Path resolve(boolean preferRedis, Path extractDir) {
    for (String name : pathCandidates(preferRedis)) {
      Optional<Path> p = onPath(name);
      if (p.isPresent()) {
        return p.get();
      }
    }
    return extractEmbedded(extractDir);
  }

  /** Resource name of the embedded-redis binary for this OS and architecture. */
  public static String embeddedResourceName(String osName, String osArch) {
    String os = osName.toLowerCase(Locale.ROOT);
    String arch = osArch.toLowerCase(Locale.ROOT);
    boolean arm = arch.equals("aarch64") || arch.equals("arm64");
    boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
    if (os.contains("linux")) {
      if (x64) {
        return "redis-server-6.2.6-v5-linux-amd64";
      }
      if (arm) {
        return "redis-server-6.2.7-linux-arm64";
      }
      if (arch.equals("x86") || arch.equals("i386") || arch.equals("i686")) {
        return "redis-server-6.2.7-linux-386";
      }
    } else if (os.contains("mac") || os.contains("darwin")) {
      return arm ? "redis-server-6.2.6-v5-darwin-arm64" : "redis-server-6.2.6-v5-darwin-amd64";
    }
    throw new IllegalStateException("no embedded Redis binary for " + osName + "/" + osArch);
  }

  /** Extracts the embedded-redis server binary into {@code dir} (once) and returns it. */
  public static Path extractEmbedded(Path dir) {
    String name = embeddedResourceName(System.getProperty("os.name"), System.getProperty("os.arch"));
    synchronized (EXTRACT_LOCK) {
      try {
        Files.createDirectories(dir);
        Path target = dir.resolve(name);
        if (Files.isExecutable(target)) {
          return target;
        }
        ClassLoader cl = RedisBinaries.class.getClassLoader();
        try (InputStream in = cl.getResourceAsStream(name)) {
          if (in == null) {
            throw new IllegalStateException("resource " + name
                + " not on the classpath (com.github.codemonstur:embedded-redis missing?)");
          }
          Path tmp = Files.createTempFile(dir, name, ".part");
          Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
          if (!tmp.toFile().setExecutable(true, false)) {
            throw new IOException("cannot make " + tmp + " executable");
          }
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return target;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** A port that was free a moment ago. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The command line that starts a server in the foreground. */
  static List<String> serverCommand(Path binary, int port, Path dir, boolean aof, String appendfsync) {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary.toString());
    cmd.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1", "--protected-mode", "no",
        "--dir", dir.toAbsolutePath().toString(), "--daemonize", "no", "--save", "",
        "--appendonly", aof ? "yes" : "no", "--appendfsync", appendfsync));
    return cmd;
  }
}
